//! Building blocks shared by the pages: the frame around them and its navigation.

pub mod breadcrumbs;
pub mod header;
pub mod layout;
pub mod nav_link;
pub mod side_menu;
