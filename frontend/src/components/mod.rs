//! Building blocks shared by the pages: the frame around them and its navigation.

pub mod breadcrumbs;
pub mod guarded;
pub mod header;
pub mod layout;
pub mod login_form;
pub mod nav_link;
pub mod password_form;
pub mod side_menu;
