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

    // ---- Login -----------------------------------------------------------------------------
    /// Login page heading and breadcrumb.
    LoginHeading => "用户登录", "Sign in";
    /// Login form: username label.
    LoginUsername => "用户名", "Username";
    /// Login form: hint under the username.
    LoginUsernameHint => "申报人请使用身份证号码登录", "Applicants sign in with their ID number";
    /// Login form: password label.
    LoginPassword => "密码", "Password";
    /// Login form: submit button.
    LoginSubmit => "登录", "Sign in";
    /// Login form: submit button while the request runs.
    LoginSubmitting => "正在登录…", "Signing in…";
    /// Login form: note about the initial password (SPEC §2).
    LoginInitialPasswordNote => "初始密码为 123@abc，首次登录后须先修改密码。",
        "The initial password is 123@abc; it must be changed at the first sign-in.";
    /// Login form: an empty field.
    LoginMissingFields => "请输入用户名和密码", "Enter your username and password";
    /// Login page: why the user is here after a session ended.
    NoticeExpired => "登录已过期或已失效，请重新登录。", "Your session has expired or ended. Please sign in again.";
    /// Login page: after logout.
    NoticeLoggedOut => "您已安全退出。", "You have signed out.";
    /// Login page: a stored session could not be checked.
    NoticeUnreachable => "无法连接服务器，未能恢复登录状态，请稍后重试或重新登录。",
        "The server could not be reached to restore your session. Try again later or sign in again.";
    /// Signed-out home page: beside the login form.
    HomeSignInPrompt => "请登录后办理业务。", "Please sign in to continue.";

    // ---- Header ----------------------------------------------------------------------------
    /// Logout button.
    Logout => "退出登录", "Log out";
    /// Accessible name of the signed-in user block.
    CurrentUserLabel => "当前用户", "Signed-in user";

    // ---- Password change -------------------------------------------------------------------
    /// Forced change: heading.
    ForcedPasswordHeading => "请先修改密码", "Change your password first";
    /// Forced change: why (manual: every initial or reset password is changed first).
    ForcedPasswordText => "首次登录或密码重置后须先修改密码，修改完成后才能使用其他功能。",
        "After the first sign-in or a password reset you must change your password before you can use anything else.";
    /// Password form: current password label.
    PasswordCurrent => "当前密码", "Current password";
    /// Password form: new password label.
    PasswordNew => "新密码", "New password";
    /// Password form: repeat label.
    PasswordRepeat => "确认新密码", "Repeat the new password";
    /// Password form: submit button.
    PasswordSubmit => "确认修改", "Change password";
    /// Password form: submit button while the request runs.
    PasswordSubmitting => "正在提交…", "Submitting…";
    /// Password form: repeat differs.
    PasswordMismatch => "两次输入的新密码不一致", "The two new passwords do not match";
    /// Password form: an empty field.
    PasswordMissingFields => "请填写全部密码字段", "Fill in every password field";
    /// Password form: success.
    PasswordSuccess => "密码修改成功。", "Your password has been changed.";
    /// Password rules: heading.
    PasswordRulesTitle => "密码规则", "Password rules";
    /// Password rule: length.
    PasswordRuleLength => "长度至少 8 个字符", "At least 8 characters";
    /// Password rule: character classes.
    PasswordRuleClasses => "至少包含大写字母、小写字母、数字、特殊字符中的三类",
        "At least three of: upper-case letters, lower-case letters, digits, symbols";
    /// Password rule: not the username.
    PasswordRuleNotUsername => "不能与用户名相同", "Not the same as the username";
    /// Password rule: not the initial password.
    PasswordRuleNotInitial => "不能使用初始密码 123@abc", "Not the initial password 123@abc";
    /// Password rule: not weak.
    PasswordRuleNotWeak => "不能是常见或容易猜测的密码（如 Abc12345、Password1）",
        "Not a common or easily guessed password (such as Abc12345 or Password1)";
    /// Home page after the forced change.
    PasswordChangedWelcome => "密码已修改，现在可以使用系统的全部功能。",
        "Your password has been changed; the whole system is now available.";

    // ---- Home (signed in) ------------------------------------------------------------------
    /// Greeting; `{}` is the display name.
    HomeGreeting => "您好，{}", "Hello, {}";
    /// Signed-in home text.
    HomeSignedInIntro => "请从左侧菜单选择要办理的业务。待办事项将在后续版本中显示在此处。",
        "Choose a task from the menu on the left. Your to-do queues will appear here in a later release.";
    /// Signed-in home: unit label.
    HomeUnitLabel => "所在单位", "Unit";
    /// Signed-in home: account kind label.
    HomeKindLabel => "账号类型", "Account type";

    // ---- Module placeholder and access -----------------------------------------------------
    /// A module without its screen yet.
    ModulePending => "该功能将在后续版本开放", "This function will be available in a later release";
    /// No-access page heading.
    NoAccessHeading => "无权访问", "No access";
    /// No-access page text.
    NoAccessText => "您的账号没有使用此功能的权限。如需使用，请联系本单位管理员分配相应角色。",
        "Your account is not allowed to use this function. Ask your unit administrator for a role that includes it.";
}

/// `template` (a key's text with one `{}`) with `value` in its place.
pub fn fill(template: &str, value: &str) -> String {
    template.replacen("{}", value, 1)
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
    fn templates_take_their_value() {
        assert_eq!(
            fill(t(Locale::ZhCn, Key::HomeGreeting), "张三"),
            "您好，张三"
        );
        assert_eq!(
            fill(t(Locale::En, Key::HomeGreeting), "Zhang San"),
            "Hello, Zhang San"
        );
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
