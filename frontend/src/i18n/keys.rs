//! Every UI string, keyed, with its Chinese and English text side by side.
//!
//! One macro defines the enum, the list of all keys and the table, so a key cannot exist
//! without both translations and the completeness test sees every key.

use shared::Locale;

macro_rules! keys {
    ($( $(#[$doc:meta])* $key:ident => $zh:literal, $en:literal; )+) => {
        /// A UI string. Look it up with [`t`] (or `I18n::t` inside components).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Key {
            $( $(#[$doc])* $key, )+
        }

        impl Key {
            /// Every key, in table order.
            #[cfg_attr(not(test), expect(dead_code, reason = "used by the completeness test"))]
            pub const ALL: &'static [Key] = &[$(Key::$key),+];

            /// `(zh-CN, en)` for this key.
            fn pair(self) -> (&'static str, &'static str) {
                match self {
                    $( Key::$key => ($zh, $en), )+
                }
            }
        }
    };
}

keys! {
    /// Platform name in the top bar.
    AppTitle => "人才人事服务平台 · 职称评审子系统",
        "Talent & Personnel Service Platform · Professional Title Evaluation";
    /// The browser tab's title.
    DocumentTitle => "职称评审子系统", "Professional Title Evaluation";
    /// Skip link before the header.
    SkipToContent => "跳到主要内容", "Skip to main content";
    /// Visible text of the language button: the language it switches *to*.
    LocaleSwitchText => "English", "中文";
    /// Accessible name of the language button.
    LocaleSwitchLabel => "切换为英文界面", "Switch to the Chinese interface";
    /// Accessible name of the side menu landmark.
    MenuLabel => "主菜单", "Main menu";
    /// Side menu group with system information.
    MenuGroupSystem => "系统信息", "System information";
    /// Menu item and breadcrumb: home page.
    NavHome => "首页", "Home";
    /// Menu item, breadcrumb and heading: the status page.
    NavAbout => "系统状态", "System status";
    /// Accessible name of the breadcrumb trail.
    BreadcrumbLabel => "当前位置", "Breadcrumb";
    /// Home page heading.
    HomeHeading => "欢迎使用职称评审子系统", "Welcome to Professional Title Evaluation";
    /// Home page description.
    HomeIntro => "本系统用于专业技术人员职称的申报、审核、评审、公示、备案和证书管理。请从左侧菜单选择要办理的业务。",
        "This system handles applications for professional titles: submission, verification, review, publicity, filing and certificates. Choose a task from the menu on the left.";
    /// Status page introduction.
    AboutIntro => "本页显示服务器和数据库的当前运行状态。", "This page shows the current state of the server and its database.";
    /// Status page: liveness label.
    HealthStatusLabel => "运行状态", "Status";
    /// Status page: liveness value when healthy.
    HealthOk => "正常", "OK";
    /// Status page: database label.
    HealthDatabaseLabel => "数据库", "Database";
    /// Status page: version label.
    HealthVersionLabel => "版本", "Version";
    /// Status page: migration count label.
    HealthMigrationsLabel => "已应用的数据库迁移", "Applied migrations";
    /// Status page: heading of the error state.
    HealthLoadFailed => "无法获取系统状态", "Could not load the system status";
    /// Any loading indicator.
    Loading => "正在加载…", "Loading…";
    /// Reload button.
    Refresh => "刷新", "Refresh";
    /// Label before an API error code, punctuation included (full-width colon in Chinese).
    ErrorCodeLabel => "错误代码：", "Error code: ";
    /// The server could not be reached.
    ErrorNetwork => "无法连接服务器，请检查网络后重试", "Cannot reach the server; check the network and try again";
    /// The server answered something the SPA does not understand.
    ErrorDecode => "无法识别服务器的响应", "The server's answer could not be understood";
    /// 404 page heading.
    NotFoundHeading => "页面不存在", "Page not found";
    /// 404 page text.
    NotFoundText => "您访问的页面不存在或已被移除，请检查地址或返回首页。",
        "The page you asked for does not exist or has moved. Check the address or go back home.";
    /// 404 page link.
    BackHome => "返回首页", "Back to home";
}

/// The text of `key` in `locale`.
pub fn t(locale: Locale, key: Key) -> &'static str {
    let (zh, en) = key.pair();
    match locale {
        Locale::ZhCn => zh,
        Locale::En => en,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_empty_in_either_language() {
        for &key in Key::ALL {
            for locale in Locale::ALL {
                assert!(
                    !t(locale, key).trim().is_empty(),
                    "{key:?} is empty in {locale:?}"
                );
            }
        }
    }

    #[test]
    fn chinese_is_the_default_and_languages_differ() {
        assert_eq!(t(Locale::default(), Key::NavHome), "首页");
        for &key in Key::ALL {
            assert_ne!(
                t(Locale::ZhCn, key),
                t(Locale::En, key),
                "{key:?} is untranslated"
            );
        }
    }
}
