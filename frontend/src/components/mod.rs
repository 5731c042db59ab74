//! Building blocks shared by the pages: the frame around them, its navigation, and the parts
//! of list screens (dialogs, confirmations, form fields, tags, pagination).

pub mod alert;
pub mod breadcrumbs;
pub mod form;
pub mod header;
pub mod layout;
pub mod login_form;
pub mod modal;
pub mod module_picker;
pub mod nav_link;
pub mod pager;
pub mod password_form;
pub mod side_menu;
pub mod table;
