//! Every UI string, keyed, with its Chinese and English text side by side.
//!
//! One macro defines the keys and the list of all of them, so a key cannot exist without both
//! translations and the completeness tests see every key.

use shared::Locale;

macro_rules! keys {
    ($( $(#[$doc:meta])* $key:ident => $zh:literal, $en:literal; )+) => {
        /// A UI string: its Chinese and English text. Look it up with [`t`] (or `I18n::t`
        /// inside components).
        ///
        /// A key is a constant holding both texts, not an index into one table, so that an
        /// entry's wasm keeps only the texts its own code can reach: a table indexed at run
        /// time would put every text of the SPA into every entry (docs/PERFORMANCE.md, "The
        /// UI texts in every entry").
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct Key {
            zh: &'static str,
            en: &'static str,
        }

        #[expect(
            non_upper_case_globals,
            reason = "the keys keep the names they had as enum variants (Key::NavHome)"
        )]
        impl Key {
            $( $(#[$doc])* pub const $key: Key = Key { zh: $zh, en: $en }; )+
        }

        /// Every key with its name, in table order, for the completeness tests.
        #[cfg(test)]
        const ALL: &[(&str, Key)] = &[$((stringify!($key), Key::$key)),+];
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
    // The screen kit (frontend/src/kit).
    /// Every confirmation; `{}` the action, `{}` the object.
    KitConfirmQuestion => "确定要{}“{}”吗？", "{} “{}”?";
    /// Back from a confirmation step to the form.
    KitBack => "返回修改", "Back";
    /// Export the list's current filter to XLSX.
    KitExport => "导出", "Export";
    /// The export was saved; `{}` the file name.
    KitExported => "已导出 {}", "Exported {}";
    /// Print the list.
    KitPrint => "打印", "Print";
    /// Print header: the unit.
    KitPrintUnit => "单位：", "Unit: ";
    /// Print header: the date.
    KitPrintDate => "打印日期：", "Printed on: ";
    /// The detail page's way back and on.
    KitDetailNav => "列表导航", "List navigation";
    /// Back to the list the detail was opened from.
    KitBackToList => "返回列表", "Back to the list";
    /// The next row of that list.
    KitNextItem => "下一条", "Next";
    /// A detail page whose object does not exist (or is not the caller's to see).
    KitObjectNotFound => "未找到该记录", "Not found";
    /// Its explanation.
    KitObjectNotFoundText => "该记录不存在，或不在您的管辖范围内。", "It does not exist, or it is outside your jurisdiction.";
    /// A date range's first day.
    KitFrom => "起", "from";
    /// A date range's last day.
    KitTo => "止", "to";
    /// Visible text of the language button: the language it switches *to*.
    LocaleSwitchText => "English", "中文";
    /// Accessible name of the language button.
    LocaleSwitchLabel => "切换为英文界面", "Switch to the Chinese interface";
    /// Accessible name of the side menu landmark.
    MenuLabel => "主菜单", "Main menu";
    /// The button that shows and hides the menu in narrow windows.
    MenuToggle => "菜单", "Menu";
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

    // ---- Two-factor authentication ----------------------------------------------------------
    /// Login form: the code field, after the server's `mfa_required`.
    LoginOtp => "动态验证码", "Authenticator code";
    /// Login form: the code field's hint.
    LoginOtpHint => "身份验证器上的 6 位数字，或一个恢复码", "The app's 6 digits, or a recovery code";
    /// Security policy: the MFA groups' legend.
    PolicyMfaGroups => "须启用双因素认证的账号", "Accounts that must use two-factor authentication";
    /// Security policy: what ticking a group does.
    PolicyMfaHint => "勾选的账号须先绑定身份验证器；等保要求管理员启用。", "Ticked accounts must set up an authenticator first; MLPS 2.0 requires it of administrators.";
    /// MFA: the panel's heading on the password page.
    MfaHeading => "双因素认证", "Two-factor authentication";
    /// MFA: the forced page's heading.
    MfaForcedHeading => "请先启用双因素认证", "Set up two-factor authentication first";
    /// MFA: why it is forced.
    MfaForcedText => "安全策略要求本账号登录时另输动态验证码，启用后方可继续。",
        "The security policy requires a code at sign-in for this account: set it up to continue.";
    /// MFA: what it is.
    MfaIntro => "启用后，登录时除密码外还须输入手机身份验证器应用显示的 6 位动态验证码。",
        "Once on, signing in also needs the 6-digit code of an authenticator app.";
    /// MFA: start button.
    MfaStart => "开始绑定身份验证器", "Set up an authenticator";
    /// MFA: step one.
    MfaScan => "用身份验证器扫描二维码（或输入密钥）。", "Scan the QR code with the app (or type the key).";
    /// MFA: step two.
    MfaEnterCode => "输入应用显示的 6 位验证码。", "Enter the 6 digits it shows.";
    /// MFA: QR image's alternative text.
    MfaQrAlt => "身份验证器绑定二维码", "QR code for the authenticator app";
    /// MFA: before the secret.
    MfaSecretLabel => "密钥：", "Key: ";
    /// MFA: code field.
    MfaCode => "动态验证码", "Code";
    /// MFA: the code is not six digits.
    MfaCodeFormat => "动态验证码为 6 位数字", "The code has 6 digits";
    /// MFA: confirm button.
    MfaConfirm => "完成绑定", "Turn on";
    /// MFA: done.
    MfaEnabled => "双因素认证已启用。", "Two-factor authentication is on.";
    /// MFA: what the recovery codes are for.
    MfaRecoveryText => "恢复码只显示这一次，请打印保管；每个可代替验证码登录一次。",
        "Shown this once: print and keep them. Each signs in once in place of a code.";
    /// MFA: print the recovery codes.
    MfaPrint => "打印恢复码", "Print the codes";
    /// MFA: continue after saving the codes.
    MfaDone => "我已保存恢复码，继续", "I have saved them: continue";
    /// MFA: already on (password page).
    MfaOn => "已启用。更换手机请联系管理员重置。", "On. For a new phone, ask an administrator to reset it.";

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
    HomeSignedInIntro => "请从左侧菜单选择要办理的业务，或点击下方的待办事项。",
        "Choose a task from the menu on the left, or a to-do queue below.";
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

    // ---- Lists, forms and dialogs (shared) -------------------------------------------------
    /// Filter bar: submit.
    Search => "查询", "Search";
    /// Filter bar: clear the filters.
    Reset => "重置", "Reset";
    /// Accessible name of a filter bar.
    FilterLabel => "筛选条件", "Filters";
    /// A filter option: no restriction.
    All => "全部", "All";
    /// A select's empty first option.
    SelectPlaceholder => "请选择", "Choose…";
    /// Table header of the row actions.
    Actions => "操作", "Actions";
    /// Row action / dialog button.
    Edit => "编辑", "Edit";
    /// Row action: enable.
    Enable => "启用", "Enable";
    /// Row action: disable.
    Disable => "停用", "Disable";
    /// Dialog button.
    Cancel => "取消", "Cancel";
    /// Dialog button and the × button's name.
    Close => "关闭", "Close";
    /// Form submit.
    Save => "保存", "Save";
    /// Form submit while the request runs.
    Saving => "正在保存…", "Saving…";
    /// Retry a failed load.
    Retry => "重试", "Retry";
    /// A list that failed to load.
    LoadFailed => "数据加载失败", "The data could not be loaded";
    /// An empty list.
    EmptyList => "暂无数据", "No records";
    /// Spoken meaning of the asterisk on a required field.
    RequiredMark => "必填", "required";
    /// A required field is empty.
    FieldsRequired => "请填写所有必填项（带 * 号）", "Fill in every required field (marked *)";
    /// Table header: status.
    StatusLabel => "状态", "Status";
    /// Status tag.
    StatusEnabled => "启用", "Enabled";
    /// Status tag.
    StatusDisabled => "停用", "Disabled";
    /// Status tag: locked by wrong passwords.
    StatusLocked => "锁定", "Locked";
    /// Status tag: must change the password at the next sign-in.
    StatusMustChange => "待改密", "Must change password";
    /// Pagination landmark.
    PagerLabel => "分页", "Pagination";
    /// Pagination: rows over all pages.
    PagerTotal => "共 {} 条", "{} in total";
    /// Pagination: a long list's total from a recent count, rounded.
    PagerTotalEstimate => "约 {} 条", "About {}";
    /// Pagination: a long list's total not yet counted beyond the bound.
    PagerTotalAtLeast => "超过 {} 条", "More than {}";
    /// Pagination: this page of a list whose page count is not exact.
    PagerPageOnly => "第 {} 页", "Page {}";
    /// Pagination: page of pages.
    PagerPage => "第 {} / {} 页", "Page {} of {}";
    /// Pagination: previous page.
    PagerPrev => "上一页", "Previous";
    /// Pagination: next page.
    PagerNext => "下一页", "Next";
    /// Accessible name of a tab row.
    TabsLabel => "页面选项卡", "Page tabs";
    /// Tab: the list.
    TabList => "账号列表", "Accounts";
    /// Tab and breadcrumb: bulk import.
    TabImport => "批量导入", "Bulk import";
    /// The browser refused to save a file.
    DownloadFailed => "浏览器未能保存文件，请检查下载设置后重试", "The browser could not save the file; check its download settings and try again";
    /// The notice that goes with every new or reset account.
    InitialPasswordNotice => "初始密码为 123@abc，用户首次登录时须修改密码。",
        "The initial password is 123@abc; the user must change it at the first sign-in.";

    // ---- Organisation tree -----------------------------------------------------------------
    /// Tree: open every unit.
    TreeExpandAll => "全部展开", "Expand all";
    /// Tree: close every unit.
    TreeCollapseAll => "全部收起", "Collapse all";
    /// Tree: what the page shows.
    TreeIntro => "显示本单位及所有下级单位和各单位的账号。点击单位名称展开或收起。",
        "Your unit, every unit below it and their accounts. Click a unit's name to open or close it.";
    /// Tree: accounts of a unit; `{}` is the count.
    TreeAccounts => "{} 个账号", "{} accounts";
    /// Tree: units below; `{}` is the count.
    TreeSubunits => "{} 个下级单位", "{} units below";

    // ---- Units -----------------------------------------------------------------------------
    /// Unit field.
    UnitName => "单位名称", "Unit name";
    /// Unit field.
    UnitKindLabel => "单位类型", "Unit type";
    /// Unit field.
    UnitLevelLabel => "级别", "Level";
    /// Unit field.
    UnitParent => "上级单位", "Parent unit";
    /// Unit field.
    UnitCreditCode => "统一社会信用代码", "Unified social credit code";
    /// Unit field.
    UnitRegion => "所在地区", "Region";
    /// Unit field.
    UnitContactName => "联系人", "Contact person";
    /// Unit field.
    UnitContactPhone => "联系电话", "Contact phone";
    /// Table header: contact and phone.
    UnitContact => "联系人 / 电话", "Contact / phone";
    /// Tag on the caller's own unit (not edited here).
    UnitOwn => "本单位", "Your unit";
    /// Button and dialog title.
    UnitNew => "新增单位", "New unit";
    /// Dialog title.
    UnitEditTitle => "编辑单位", "Edit unit";
    /// New unit: the rule for kinds.
    UnitPlacementHint => "人社机构下可建下一级人社机构及同级主管部门、用人单位；主管部门下可建同级用人单位。",
        "Under an HRSS: the next-level HRSS and same-level departments and employers; under a department: same-level employers.";
    /// New unit: the level before a kind is chosen.
    UnitLevelFollows => "随单位类型确定", "Follows the unit type";
    /// New unit: the format of the code.
    CreditCodeHint => "18 位，含校验位", "18 characters including the check character";
    /// New unit: optional administrator.
    UnitAdminSection => "单位管理员（选填）", "Unit administrator (optional)";
    /// New unit: what the administrator fields do.
    UnitAdminHint => "填写用户名即同时创建该单位的管理员账号，初始密码 123@abc，首次登录须修改。",
        "With a username, the unit's administrator account is created too: initial password 123@abc, changed at the first sign-in.";
    /// New unit field.
    UnitAdminUsername => "管理员用户名", "Administrator username";
    /// New unit field.
    UnitAdminDisplayName => "管理员姓名", "Administrator name";
    /// New unit: no parent chosen.
    UnitParentRequired => "请选择上级单位", "Choose the parent unit";
    /// New unit: no kind chosen.
    UnitKindRequired => "请选择该上级单位下允许的单位类型", "Choose a unit type allowed under that parent";
    /// New unit: a name without a username.
    UnitAdminUsernameRequired => "填写管理员姓名时须同时填写管理员用户名", "Give the administrator a username as well as a name";
    /// New unit: the code's checksum failed.
    CreditCodeInvalid => "统一社会信用代码无效：须为 18 位，且校验位正确", "The unified social credit code is not valid: 18 characters with a correct check character";
    /// New unit: done; `{}` is the name.
    UnitCreated => "单位“{}”已创建。", "The unit “{}” has been created.";
    /// New unit: the administrator's username follows.
    UnitAdminCreated => "单位管理员账号：", "Administrator account: ";
    /// Unit saved.
    UnitSaved => "单位信息已保存。", "The unit has been saved.";
    /// Confirmation; `{}` is the name.
    UnitConfirmEnable => "确定启用单位“{}”吗？", "Enable the unit “{}”?";
    /// Confirmation; `{}` is the name.
    UnitConfirmDisable => "确定停用单位“{}”吗？停用后该单位不能再办理业务。",
        "Disable the unit “{}”? It can no longer do any business.";
    /// Done; `{}` is the name.
    UnitEnabledDone => "单位“{}”已启用。", "The unit “{}” has been enabled.";
    /// Done; `{}` is the name.
    UnitDisabledDone => "单位“{}”已停用。", "The unit “{}” has been disabled.";

    // ---- Accounts --------------------------------------------------------------------------
    /// Account field.
    AccountDisplayName => "姓名", "Name";
    /// Account field.
    AccountUnit => "所属单位", "Unit";
    /// Account field.
    AccountPhone => "手机号", "Phone";
    /// Account field.
    AccountIdNumber => "身份证号", "ID number";
    /// Table header.
    AccountLastLogin => "最近登录", "Last sign-in";
    /// Filter: username or name.
    NameOrUsername => "用户名 / 姓名", "Username / name";
    /// Button and dialog title.
    AccountNew => "新增用户", "New user";
    /// Button and dialog title (个人账号管理).
    ApplicantNew => "新增申报人", "New applicant";
    /// Dialog title.
    AccountEditTitle => "编辑用户", "Edit user";
    /// In place of row actions on the caller's own account.
    AccountSelf => "本人账号", "Your account";
    /// New account: username rule.
    UsernameHint => "2–64 个字符，不含空格或 #", "2–64 characters, no spaces or #";
    UsernameInvalid => "用户名须为 2–64 个字符，不含空格、控制字符或 #", "The username must have 2–64 characters without spaces, control characters or #";
    /// New applicant: the ID number is the username.
    IdNumberIsUsername => "申报人以身份证号作为用户名登录", "Applicants sign in with their ID number";
    /// New account: no unit chosen.
    AccountUnitRequired => "请选择所属单位", "Choose the unit";
    /// New account: no kind chosen.
    AccountKindRequired => "请选择账号类型", "Choose the account type";
    /// New account: the ID number's checksum or date failed.
    IdNumberInvalid => "身份证号无效：须为 18 位，出生日期有效且校验位正确",
        "The ID number is not valid: 18 characters, a real birth date and a correct check character";
    /// Done; `{}` is the username.
    AccountCreated => "账号“{}”已创建。", "The account “{}” has been created. ";
    /// Account saved.
    AccountSaved => "账号信息已保存。", "The account has been saved.";
    /// Row action.
    ResetPassword => "重置密码", "Reset password";
    /// Confirmation; `{}` is the account.
    AccountConfirmReset => "确定将 {} 的密码重置为初始密码 123@abc 吗？该账号将被解锁并退出登录，下次登录时须修改密码。",
        "Reset the password of {} to the initial password 123@abc? The account is unlocked and signed out, and must change the password at the next sign-in.";
    /// Confirmation; `{}` is the account.
    AccountConfirmEnable => "确定启用 {} 吗？", "Enable {}?";
    /// Confirmation; `{}` is the account.
    AccountConfirmDisable => "确定停用 {} 吗？该账号将立即退出登录，且不能再登录。",
        "Disable {}? The account is signed out at once and can no longer sign in.";
    /// Done; `{}` is the username.
    ResetPasswordDone => "账号“{}”已重置为初始密码 123@abc，用户首次登录须修改密码。",
        "The password of “{}” has been reset to the initial password 123@abc; the user must change it at the first sign-in.";
    /// Row action (an account with MFA on).
    ResetMfa => "重置双因素", "Reset two-factor";
    /// Confirmation; `{}` is the account.
    AccountConfirmResetMfa => "确定重置 {} 的双因素认证吗？其身份验证器与恢复码作废，账号退出登录。",
        "Reset the two-factor authentication of {}? Its authenticator and recovery codes stop working; it is signed out.";
    /// Done; `{}` is the username.
    ResetMfaDone => "账号“{}”的双因素认证已重置。", "The two-factor authentication of “{}” has been reset.";
    /// Account tag: MFA on.
    StatusMfa => "双因素", "Two-factor";
    /// Done; `{}` is the username.
    AccountEnabledDone => "账号“{}”已启用。", "The account “{}” has been enabled.";
    /// Done; `{}` is the username.
    AccountDisabledDone => "账号“{}”已停用，其登录已全部结束。", "The account “{}” has been disabled and signed out everywhere.";

    // ---- Bulk import -----------------------------------------------------------------------
    /// File input label.
    BulkFileLabel => "导入文件（CSV 或 XLSX）", "File (CSV or XLSX)";
    /// What the file holds (用户管理).
    BulkHint => "第一行为表头，可用列：用户名、姓名、账号类型、单位统一社会信用代码（或单位ID）、手机号、身份证号、业务角色。CSV 可为 UTF-8 或 GBK 编码。每个文件最多 100,000 行、32 MB。全部行通过校验才会导入，否则一个也不导入。",
        "The first row is the header; columns: username, name, account type, unit credit code (or unit ID), phone, ID number, business roles. CSV in UTF-8 or GBK. At most 100,000 rows and 32 MB a file. Either every row passes and is imported, or none is.";
    /// What the file holds (个人账号管理).
    BulkHintApplicants => "第一行为表头，可用列：用户名（即身份证号）、姓名、账号类型（申报人）、单位统一社会信用代码（或单位ID）、手机号、身份证号。CSV 可为 UTF-8 或 GBK 编码。每个文件最多 100,000 行、32 MB。全部行通过校验才会导入，否则一个也不导入。",
        "The first row is the header; columns: username (the ID number), name, account type (applicant), unit credit code (or unit ID), phone, ID number. CSV in UTF-8 or GBK. At most 100,000 rows and 32 MB a file. Either every row passes and is imported, or none is.";
    /// The own unit's id, for the 单位ID column.
    BulkUnitIdHint => "本单位的单位ID为 {}。", "Your unit's ID is {}.";
    /// Button.
    BulkTemplate => "下载模板", "Download template";
    /// Button: dry run.
    BulkCheck => "预检", "Check";
    /// Dry run under way.
    BulkChecking => "正在预检…", "Checking…";
    /// Button: import.
    BulkImport => "导入", "Import";
    /// Import under way.
    BulkImporting => "正在导入，请稍候…", "Importing, please wait…";
    /// A file of another type.
    BulkWrongType => "请选择 .csv 或 .xlsx 文件", "Choose a .csv or .xlsx file";
    /// No file.
    BulkNoFile => "请先选择要导入的文件", "Choose the file to import first";
    /// Dry run passed; `{}` is the row count.
    BulkAllPassed => "全部通过：共 {} 行，可以导入。", "All {} rows passed; ready to import.";
    /// Dry run failed; `{}` is the error count.
    BulkCheckFailed => "预检未通过：发现 {} 处错误，未导入任何账号。请修改文件后重新预检。",
        "The check failed with {} errors; nothing was imported. Fix the file and check again.";
    /// Import done; `{}` is the count.
    BulkImported => "导入成功：已创建 {} 个账号，初始密码均为 123@abc，首次登录须修改。",
        "Imported: {} accounts created, each with the initial password 123@abc to be changed at the first sign-in.";
    /// Import refused; `{}` is the error count.
    BulkImportFailed => "导入未通过：发现 {} 处错误，未导入任何账号。",
        "The import was refused with {} errors; nothing was imported.";
    /// Error table caption.
    BulkErrorsCaption => "各行的错误", "Errors by row";
    /// Account table caption.
    BulkAccountsCaption => "导入的账号", "Accounts of the file";
    /// Error table header.
    BulkRow => "行号", "Row";
    /// Error table header.
    BulkField => "字段", "Field";
    /// Error table header.
    BulkCode => "错误代码", "Code";
    /// Error table header.
    BulkMessage => "说明", "Message";
    /// A long report is drawn in part: `{}` rows in all, the first `{}` shown.
    BulkRowsCapped => "共 {} 行，此处显示前 {} 行；完整结果可下载为 CSV 文件。",
        "{} rows in all; the first {} are shown here. Download them all as a CSV file.";
    /// Saves a whole report as CSV.
    BulkReportCsv => "下载完整结果（CSV）", "Download all (CSV)";
    /// A row that will be created.
    BulkReadyTag => "待导入", "Ready";
    /// A row that was created.
    BulkCreatedTag => "已创建", "Created";

    // ---- Audit log -------------------------------------------------------------------------
    /// What the page shows.
    AuditIntro => "记录所有登录和数据变更（操作人、时间、操作、变更前后）。日志以哈希链相连，可校验是否被篡改。",
        "Every sign-in and every change (who, when, what, before and after). The records are hash-chained, so tampering can be detected.";
    /// Filter / header.
    AuditActor => "操作人", "Actor";
    /// Filter hint.
    AuditActorHint => "用户名，精确匹配", "Username, exact";
    /// Filter / header.
    AuditAction => "操作类型", "Action";
    /// Filter hint.
    AuditActionHint => "以“.”结尾按前缀匹配，如 auth.", "End with “.” to match a prefix, e.g. auth.";
    /// Filter / header.
    AuditOutcome => "结果", "Outcome";
    /// Outcome tag.
    AuditSuccess => "成功", "Success";
    /// Outcome tag.
    AuditFailure => "失败", "Failure";
    /// Filter.
    AuditFrom => "开始日期", "From";
    /// Filter.
    AuditTo => "结束日期", "To";
    /// The dates are the wrong way round.
    AuditDateOrder => "结束日期不能早于开始日期", "The end date cannot be before the start date";
    /// Header.
    AuditTime => "时间", "Time";
    /// Header.
    AuditTarget => "操作对象", "Target";
    /// Header.
    AuditIp => "IP 地址", "IP address";
    /// Row action.
    AuditDetails => "详情", "Details";
    /// Dialog title; `{}` is the id.
    AuditDetailsTitle => "审计记录 #{}", "Audit record #{}";
    /// Details.
    AuditBefore => "变更前", "Before";
    /// Details.
    AuditAfter => "变更后", "After";
    /// Details.
    AuditHash => "链哈希", "Chain hash";
    /// Button.
    AuditExport => "导出 CSV", "Export CSV";
    /// Export under way.
    AuditExporting => "正在导出…", "Exporting…";
    /// Export done.
    AuditExported => "已导出 CSV 文件（与当前筛选条件一致）。", "The CSV file has been exported (with the current filters).";
    /// Button.
    AuditVerify => "校验链", "Verify chain";
    /// Check under way.
    AuditVerifying => "正在校验…", "Verifying…";
    /// Chain intact; `{}` is the count.
    AuditChainOk => "审计日志链完整：已校验 {} 条记录，未发现篡改。", "The audit chain is intact: {} records checked, no tampering found.";
    /// Chain broken; the first broken id, then the intact count.
    AuditChainBroken => "审计日志链已断开：第一条异常记录为 #{}（此前 {} 条完好）。",
        "The audit chain is broken: the first bad record is #{} ({} records before it are intact).";
    /// Chain broken without an id; `{}` is the intact count.
    AuditChainBrokenUnknown => "审计日志链已断开（此前 {} 条完好）。", "The audit chain is broken ({} records before the break are intact).";
    /// Action name.
    AuditActLogin => "登录", "Sign-in";
    /// Action name.
    AuditActPasswordChange => "修改密码", "Password change";
    /// Action name.
    AuditActRefreshReuse => "刷新令牌重复使用（疑似盗用）", "Refresh token reused (possible theft)";
    /// Action name.
    AuditActUnitCreate => "创建单位", "Unit created";
    /// Action name.
    AuditActUnitUpdate => "修改单位", "Unit changed";
    /// Action name.
    AuditActAccountCreate => "创建账号", "Account created";
    /// Action name.
    AuditActAccountUpdate => "修改账号", "Account changed";
    /// Action name.
    AuditActBulkImport => "批量导入账号", "Accounts imported";
    /// Action prefix.
    AuditActAuthAll => "全部认证操作", "All sign-in actions";
    /// Action prefix.
    AuditActUnitAll => "全部单位操作", "All unit actions";
    /// Action prefix.
    AuditActAccountAll => "全部账号操作", "All account actions";

    // ---- Roles -----------------------------------------------------------------------------
    /// Row action.
    Delete => "删除", "Delete";
    /// Account dialog: the handler's business roles.
    AccountRoles => "业务角色", "Business roles";
    /// Account dialog: the unit has none yet.
    NoBusinessRoles => "本单位还没有业务角色，请先在“业务角色管理”中新增。", "Your unit has no business roles yet; add them under Business roles first.";
    /// Module picker: the module column.
    ModuleLabel => "菜单（模块）", "Menu (module)";
    /// A count of modules; `{}` is the number.
    ModuleCount => "{} 个菜单", "{} menus";
    /// Role field.
    RoleName => "角色名称", "Role name";
    /// Role field.
    RoleDescription => "说明", "Description";
    /// Table header.
    RoleModules => "包含的菜单", "Menus";
    /// Module picker column of a business role.
    RoleGrant => "授予", "Grant";
    /// Button and dialog title.
    RoleNew => "新增业务角色", "New business role";
    /// Dialog title.
    RoleEdit => "编辑业务角色", "Edit business role";
    /// Done; `{}` is the name.
    RoleSaved => "角色“{}”已保存。", "The role “{}” has been saved.";
    /// Done; `{}` is the name.
    RoleDeleted => "业务角色“{}”已删除。", "The business role “{}” has been deleted.";
    /// Confirmation; `{}` is the name.
    RoleConfirmDelete => "确定删除业务角色“{}”吗？仍有账号持有的角色不能删除。",
        "Delete the business role “{}”? A role that accounts still hold cannot be deleted.";
    /// What the page is for.
    BusinessRolesIntro => "业务角色是一组菜单，分配给本单位的经办人后，经办人即可使用这些菜单。",
        "A business role is a set of menus; the handlers of your unit who hold it can use those menus.";
    /// Business role dialog: which modules may be chosen.
    BusinessRoleModulesHint => "只能选择本单位可分配的菜单（由单位角色决定）；超出范围时系统会列出不能分配的菜单。",
        "Only the menus your unit may hand out (set by its unit role) can be granted; the system names any others.";
    /// Button and dialog title.
    UnitRoleNew => "新增单位角色", "New unit role";
    /// Dialog title.
    UnitRoleEdit => "编辑单位角色", "Edit unit role";
    /// Column: modules the unit may use.
    UnitRoleAvailable => "可用菜单", "Available";
    /// Column: modules the unit may hand out.
    UnitRoleAssignable => "可分配菜单", "Assignable";
    /// What the page is for.
    UnitRolesIntro => "单位角色规定一类单位可以使用的菜单（可用菜单）以及可以分配给其经办人的菜单（可分配菜单）。",
        "A unit role sets the menus a unit may use (available) and those it may hand out to its handlers (assignable).";
    /// Unit role dialog: the rule.
    UnitRoleModulesHint => "可分配菜单须在可用菜单之内；管理员、申报人、专家和政策性审查账号的专属菜单不能授予单位。",
        "Assignable menus must be among the available ones; the menus of administrators, applicants, experts and policy reviewers are never a unit's.";
    /// Section heading: the units and their unit roles.
    UnitRoleUnits => "单位的单位角色", "Unit roles of units";
    /// Column: a unit's unit role.
    UnitRoleOfUnit => "单位角色", "Unit role";
    /// A unit without a unit role.
    UnitRoleNone => "未分配", "None";
    /// Button and dialog title.
    UnitRoleAssign => "分配角色", "Assign role";
    /// Dialog: what happens; `{}` is the unit's name.
    UnitRoleAssignConfirm => "确定为单位“{}”分配以下单位角色吗？该单位的账号从下一次操作起使用新角色的菜单。",
        "Give the unit “{}” the unit role below? Its accounts use the new role's menus from their next request on.";
    /// Done; the unit's name and the role's name.
    UnitRoleAssigned => "单位“{}”的单位角色已改为“{}”。", "The unit “{}” now has the unit role “{}”.";
    /// Search field of the unit list.
    UnitRoleUnitSearch => "按名称查找单位", "Find units by name";

    // ---- Security policy ---------------------------------------------------------------------
    /// What the page is for.
    PolicyIntro => "密码、账号锁定、会话与登录频率规则。不得低于等级保护（等保）要求：密码至少 8 位、至少 3 类字符。",
        "Password, lockout, session and login-rate rules. They may not fall below MLPS 2.0 (等保): at least 8 characters from at least 3 classes.";
    /// Field label.
    PolicyMinLength => "密码最小长度（位）", "Minimum password length (characters)";
    /// Field label.
    PolicyMinClasses => "至少包含的字符类别数", "Character classes required";
    /// Field label.
    PolicyMinStrength => "最低密码强度（0–4）", "Minimum password strength (0–4)";
    /// Field label.
    PolicyLockoutThreshold => "连续失败锁定次数", "Failures before lockout";
    /// Field label.
    PolicyLockoutMinutes => "锁定时长（分钟）", "Lockout duration (minutes)";
    /// Field label.
    PolicyIdleTimeout => "会话空闲超时（分钟）", "Idle session timeout (minutes)";
    /// Field label.
    PolicyIpLimit => "单个地址登录次数上限", "Logins per client address";
    /// Field label.
    PolicyIpWindow => "登录次数统计时间窗（秒）", "Login-count window (seconds)";
    /// Hint: the allowed range; the lower and upper bounds.
    PolicyRange => "允许范围：{} – {}", "Allowed: {} – {}";
    /// A field is not a whole number.
    PolicyNotNumber => "各项均须填写整数。", "Every setting must be a whole number.";
    /// Done.
    PolicySaved => "安全策略已保存，自下一次请求起生效。", "The security policy has been saved; it applies from the next request on.";

    // ---- Affiliation change ----------------------------------------------------------------
    /// What the page is for.
    AffIntro => "本单位可申请更改上级主管单位，由新的上级单位（或其上级人社机构）审核；审核通过后单位归口随之变更。",
        "Your unit may ask to move under another superior; the new superior (or an HRSS above it) decides, and an approval moves the unit.";
    /// Button and dialog title.
    AffNew => "申请更改主管部门", "Request an affiliation change";
    /// Dialog: search field.
    AffSearch => "按名称查找上级单位", "Find the new superior by name";
    /// Dialog: what the list holds.
    AffCandidatesHint => "只列出本单位可以归属的单位（类型和级别符合、已启用）", "Only units your unit may belong to (right kind and level, enabled) are listed";
    /// Dialog submit.
    AffSubmit => "提交申请", "Submit request";
    /// Column / field.
    AffFrom => "原上级单位", "Current superior";
    /// Column / field.
    AffTo => "申请改为", "New superior";
    /// Column / field.
    AffReason => "申请理由", "Reason";
    /// Column.
    AffRequestedBy => "申请人 / 时间", "Requested by / at";
    /// Column.
    AffDecision => "审核人 / 意见", "Decided by / opinion";
    /// Field.
    AffOpinion => "审核意见", "Opinion";
    /// Status.
    AffPending => "待审核", "Pending";
    /// Status.
    AffApproved => "已同意", "Approved";
    /// Status.
    AffRejected => "已驳回", "Rejected";
    /// Row action / dialog title.
    AffApprove => "同意", "Approve";
    /// Row action / dialog title.
    AffReject => "驳回", "Reject";
    /// Approving moves the unit.
    AffApproveWarning => "同意后，该单位及其下级单位将改为归属新的上级单位，后续申报将按新的归口流转。",
        "On approval the unit and the units below it move under the new superior, and applications are routed the new way.";
    /// No parent chosen.
    AffParentRequired => "请选择新的上级单位", "Choose the new superior";
    /// Rejecting without an opinion.
    AffOpinionRequired => "驳回时须填写审核意见", "Give an opinion to reject";
    /// Done; `{}` is the new superior.
    AffRequested => "已提交申请，等待“{}”审核。", "Requested; waiting for “{}” to decide.";
    /// Done; `{}` is the unit.
    AffApprovedDone => "已同意“{}”的更改申请。", "The request of “{}” has been approved.";
    /// Done; `{}` is the unit.
    AffRejectedDone => "已驳回“{}”的更改申请。", "The request of “{}” has been rejected.";

    // ---- Title-application workflow (个人职称申报, queues, detail, action dialog) ----
    /// Field label.
    WfAchievements => "业绩成果", "Achievements";
    /// After an action; `{}` name, `{}` the new stage.
    WfActionDone => "已处理“{}”，当前环节：{}", "Done for “{}”; now in: {}";
    /// Fieldset of superior_approve at an HRSS.
    WfApproveHow => "审核通过后", "After approval";
    /// Radio: assign a committee.
    WfAssign => "分配评委会", "Assign a committee";
    /// Under the upload form.
    WfAttachHint => "支持 PDF、JPG、PNG 及 Office 文件；上传后可下载核对。", "PDF, JPG, PNG and Office files; download to check after uploading.";
    /// Done; `{}` the file.
    WfAttachmentDeleted => "已删除附件“{}”", "Deleted “{}”";
    /// Panel title.
    WfAttachments => "附件材料", "Attachments";
    /// The attachments API failed; `{}` its message.
    WfAttachmentsUnavailable => "附件暂不可用：{}", "Attachments are not available: {}";
    /// After a batch; `{}` succeeded, `{}` failed.
    WfBatchDone => "批量处理完成：成功 {} 件，失败 {} 件", "Batch done: {} succeeded, {} failed";
    /// Batch result tag.
    WfBatchFailed => "失败", "Failed";
    /// Accessible name of the batch bar.
    WfBatchLabel => "批量操作", "Batch actions";
    /// Batch result tag.
    WfBatchOk => "成功", "Done";
    /// Batch button; `{}` the action.
    WfBatchPrefix => "批量{}", "Batch: {}";
    /// Field label.
    WfBirthDate => "出生日期", "Birth date";
    /// Client check.
    WfBirthDateMismatch => "与身份证号中的出生日期不一致", "Does not match the ID number";
    /// Header checkbox.
    WfCheckAll => "全选本页", "Select this page";
    /// Row checkbox; `{}` the name.
    WfCheckRow => "选择 {}", "Select {}";
    /// `{}` checked rows.
    WfChecked => "已选 {} 件", "{} selected";
    /// Field label.
    WfCommittee => "评委会", "Committee";
    /// Dialog check.
    WfCommitteeRequired => "请选择要分配的评委会", "Choose the committee to assign";
    /// The committee list failed; `{}` its message.
    WfCommitteesFailed => "无法加载可分配的评委会：{}", "Cannot load the committees: {}";
    /// Confirmation; `{}` the file.
    WfConfirmDeleteAttachment => "确定要删除附件“{}”吗？", "Delete the attachment “{}”?";
    /// `{}` applications.
    WfCountApplications => "{} 件申报", "{} applications";
    /// Field label.
    WfCurrentTitle => "现任职称", "Current title";
    /// Field label.
    WfCurrentTitleDate => "取得现职称时间", "Current title since";
    /// Client check.
    WfDateFormat => "日期格式应为 YYYY-MM-DD", "Must be a date YYYY-MM-DD";
    /// Fieldset.
    WfDeclaration => "申报信息", "Declaration";
    /// Field label.
    WfDeclarationType => "申报类型", "Declaration type";
    /// Field label.
    WfDescription => "说明", "Description";
    /// Breadcrumb of the detail page.
    WfDetailHeading => "申报详情", "Application";
    /// Detail heading; `{}` the name.
    WfDetailTitle => "{} 的职称申报", "Application of {}";
    /// Row action.
    WfDownload => "下载", "Download";
    /// Editor heading.
    WfEditApplication => "编辑申报", "Edit application";
    /// Field label.
    WfEducation => "学历", "Education";
    /// Field label.
    WfEmployer => "工作单位", "Employer";
    /// Panel title.
    WfFacts => "申报信息", "Application details";
    /// Field label.
    WfFileName => "文件", "File";
    /// Client check summary.
    WfFixFields => "请修正标出的字段后再保存", "Correct the marked fields, then save";
    /// Radio: forward to the parent HRSS.
    WfForward => "转上级人社部门", "Forward to the superior HRSS";
    /// Field label.
    WfGender => "性别", "Gender";
    /// Client check.
    WfGenderMismatch => "与身份证号中的性别不一致", "Does not match the ID number";
    /// Queue row action.
    WfHandle => "处理", "Handle";
    /// Timeline: the recommendation's handler.
    WfHandler => "经办人", "Handler";
    /// Dialog field.
    WfHandlerName => "经办人姓名", "Handler name";
    /// Dialog field.
    WfHandlerPhone => "经办人电话", "Handler phone";
    /// Dialog check.
    WfHandlerRequired => "推荐上报须填写经办人姓名和电话", "Give the handler's name and phone to recommend";
    /// Field label.
    WfHolder => "当前办理单位", "Held by";
    /// policy_initial fieldset.
    WfInitialResult => "初审结果", "Initial result";
    /// Field label.
    WfLevel => "级别", "Level";
    /// Filter label.
    WfNameOrId => "姓名或身份证号", "Name or ID number";
    /// Client check.
    WfNameRule => "姓名至少 2 个字符", "At least 2 characters";
    /// Button / heading.
    WfNewApplication => "新建申报", "New application";
    /// No attachments.
    WfNoAttachments => "暂无附件", "No attachments";
    /// No committee to assign.
    WfNoCommittees => "没有可分配的评委会", "No committee can be assigned";
    /// Empty timeline.
    WfNoEvents => "暂无办理记录", "Nothing has happened yet";
    /// No unit proofs.
    WfNoProofs => "本单位暂无证明材料", "The unit has no proofs yet";
    /// Editor for a stage the applicant may not edit.
    WfNotEditable => "当前环节不能修改申报内容", "The application cannot be changed in this stage";
    /// Field label.
    WfOpinion => "意见", "Opinion";
    /// Dialog check.
    WfOpinionRequired => "请填写意见（原因）", "Give an opinion (the reason)";
    /// Recommend: the unit's own committee.
    WfOwnCommittee => "送本单位评委会（自主评审）", "Send to the unit's own committee";
    /// Result label.
    WfPassNo => "不通过", "Fail";
    /// Dialog check.
    WfPassRequired => "请选择初审结果", "Choose the initial result";
    /// Result label.
    WfPassYes => "通过", "Pass";
    /// Fieldset.
    WfPersonal => "个人信息", "Personal details";
    /// Client check.
    WfPhoneRule => "请输入 11 位手机号或带区号的固定电话", "An 11-digit mobile or a landline with area code";
    /// Recommend: the unit's proofs.
    WfProofs => "单位证明材料", "The unit's proofs";
    /// Field label.
    WfQualification => "任职资格", "Qualification";
    /// Client check.
    WfRequired => "不能为空", "Required";
    /// Return opinion heading.
    WfReturnReason => "申报已被退回，退回原因：", "The application was returned. Reason:";
    /// Save button.
    WfSaveDraft => "保存", "Save";
    /// Next to the save button.
    WfSaveHint => "保存后可上传附件，并在申报详情中提交。", "After saving, add attachments and submit from the application page.";
    /// Done.
    WfSaved => "申报已保存", "The application has been saved";
    /// Field label.
    WfSection => "材料类别", "Section";
    /// Section label.
    WfSectionMaterials => "申报材料", "Application materials";
    /// Section label.
    WfSectionProof => "单位证明材料", "Recommendation proof";
    /// Section label.
    WfSectionSupplementary => "政策性审查未通过补充材料", "Supplement after the policy review";
    /// Field label.
    WfSeries => "职称系列", "Series";
    /// Column.
    WfSeriesSpecialty => "系列 / 专业", "Series / specialty";
    /// Field label.
    WfSize => "大小", "Size";
    /// Field label.
    WfSpecialty => "专业", "Specialty";
    /// Column / filter.
    WfStage => "办理环节", "Stage";
    /// Hint label.
    WfSuggested => "建议", "Suggested";
    /// Supplement heading.
    WfSupplementReason => "政策性审查未通过，请补充材料后提交。审查意见：", "The policy review failed; add materials and submit again. Opinion:";
    /// Panel title.
    WfTimeline => "办理追踪", "Timeline";
    /// Editor → detail.
    WfToDetail => "查看详情并提交", "View and submit";
    /// Recommend: no own committee.
    WfToSuperior => "推荐至上级单位", "Recommend to the superior";
    /// Home panel.
    WfTodoHeading => "我的待办", "My to-do";
    /// Home: the caller is offered no to-do at all.
    HomeNoTodo => "暂无待办事项", "Nothing waits for you";
    /// Home: an expert whose profile is incomplete.
    HomeProfileIncomplete => "您的专家个人信息尚未完善。完善后方可加入专家库、参加评审。", "Your expert profile is not complete yet. Complete it to join the expert pool and serve in reviews.";
    /// Filter toggle.
    WfTodoOnly => "仅看待办", "To-do only";
    /// Column.
    WfUpdatedAt => "更新时间", "Updated";
    /// Button.
    WfUpload => "上传", "Upload";
    /// File input label.
    WfUploadProof => "上传单位证明材料", "Upload a proof";
    /// Done; `{}` the file.
    WfUploaded => "已上传“{}”", "Uploaded “{}”";
    /// Column.
    WfUploadedAt => "上传时间", "Uploaded";
    /// Row action.
    WfView => "查看", "View";
    /// Timeline tag.
    WfWithdrawn => "已撤回", "Withdrawn";
    /// Field label.
    WfYear => "申报年度", "Year";
    /// Field label.
    WfYearsOfService => "专业工作年限", "Years of service";
    /// Client check.
    WfYearsRule => "须在 0 至 60 之间", "Between 0 and 60";
    // publicity, committees, public site -----------------------------------------------------
    /// Side menu, login page and heading: the public site.
    NavPublicSite => "公示查询", "Public notices";
    /// Side menu and heading: the working-day calendar.
    NavCalendar => "工作日历", "Working-day calendar";
    /// Button and dialog title.
    PubNew => "新增公示", "New publicity";
    /// Dialog title.
    PubEdit => "编辑公示", "Edit publicity";
    /// Dialog submit.
    PubSaveDraft => "保存草稿", "Save draft";
    /// Field / header.
    PubTitle => "公示标题", "Title";
    /// Field / heading.
    PubContent => "公示内容", "Content";
    /// Field.
    PubStart => "公示开始日期", "First day";
    /// Field.
    PubEnd => "公示结束日期", "Last day";
    /// Header.
    PubPeriod => "公示期", "Period";
    /// Working days of a period; `{}` is the count.
    PubWorkingDays => "共 {} 个工作日", "{} working days";
    /// Added when the period is too short.
    PubWorkingDaysShort => "，少于 5 个工作日（人社部第40号令要求公示期不少于 5 个工作日），不能保存",
        " — fewer than 5 working days (Order No. 40 requires at least 5); it cannot be saved";
    /// The dates cannot be counted.
    PubPeriodInvalid => "请选择开始和结束日期（结束日期不能早于开始日期）", "Choose the first and last day (the last not before the first)";
    /// Header.
    PubItemCount => "人数", "People";
    /// Header.
    PubOpenReports => "待处理举报", "Open reports";
    /// Header / fact.
    PubPublishedAt => "发布时间", "Published";
    /// Fact.
    PubCompletedAt => "完成时间", "Completed";
    /// Button / dialog title.
    PubPublish => "发布公示", "Publish";
    /// Button / dialog title.
    PubComplete => "完成公示", "Complete";
    /// 完成公示 is not possible yet; `{}` the period's last day, `{}` the first possible day.
    PubCompleteNotYet => "公示期至 {} 结束，期满后（{} 起）方可完成公示", "The period runs until {}; it can be completed from {}";
    /// 完成公示 disabled: reports are open.
    PubCompleteOpenReports => "尚有 {} 条举报未处理，处理后方可完成公示", "{} report(s) are still open; resolve them first";
    /// Row link.
    PubView => "查看", "View";
    /// Back to the list.
    PubBack => "返回列表", "Back to the list";
    /// Fact / filter.
    PubKind => "公示类型", "Kind";
    /// Fact.
    PubUnit => "发布单位", "Published by";
    /// Confirmation; the title and the period.
    PubConfirmPublish => "确定发布“{}”吗？公示期为 {}，发布后不能再修改。",
        "Publish “{}”? The period is {}; it can no longer be edited afterwards.";
    /// Confirmation; the title.
    PubConfirmComplete => "确定完成“{}”吗？公示期须已结束且没有未处理的举报，完成后各申报进入下一环节。",
        "Complete “{}”? The period must have ended with no open report; the applications then move on.";
    /// Done; the title.
    PubPublished => "“{}”已发布。", "“{}” has been published.";
    /// Done; the title.
    PubCompleted => "“{}”已完成公示，相关申报已进入下一环节。", "“{}” is complete; its applications have moved on.";
    /// Done; the title.
    PubSaved => "公示“{}”已保存为草稿。", "The publicity “{}” has been saved as a draft.";
    /// Intro of 申报公示.
    PubIntroApplication => "单位对本单位通过审核的申报进行公示，公示期不少于 5 个工作日；公示期满且没有未处理的举报后完成公示，申报进入单位推荐环节。",
        "The employer publicises its verified applications for at least 5 working days; once the period has ended with no open report, completing it moves them to unit recommendation.";
    /// Intro of the reviewer's publicity.
    PubIntroReviewer => "政策性审查账号对本评委会范围内的申报进行公示；公示在公示查询网站公开，公众可以举报。",
        "The policy-review account publicises the applications of its committee scope; the notices appear on the public site, where anyone may report.";
    /// Intro of 评审结果公示.
    PubIntroResult => "评委会组建单位公示评审结果；公示在公示查询网站公开。",
        "The committee's organising unit publicises the review results on the public site.";
    /// Heading; `{}` is the count.
    PubItems => "公示人员（{} 人）", "People ({})";
    /// Heading; `{}` is the count.
    PubReports => "举报（{} 条）", "Reports ({})";
    /// Header.
    PubEmployer => "工作单位", "Employer";
    /// Header.
    PubSeriesSpecialty => "系列 / 专业", "Series / specialty";
    /// Header.
    PubLevelQualification => "级别 / 资格名称", "Level / qualification";
    /// Header.
    PubStage => "当前环节", "Stage";
    /// Row action / dialog title.
    PubReport => "举报", "Report";
    /// Dialog submit.
    PubReportSubmit => "提交举报", "Submit report";
    /// Header / field: the reported applicant.
    PubReported => "被举报人", "Reported person";
    /// Header.
    PubReporter => "举报人 / 联系方式", "Reporter / contact";
    /// Field.
    PubReporterName => "举报人姓名", "Your name";
    /// Field.
    PubReporterContact => "联系方式（电话或地址）", "Contact (phone or address)";
    /// Field / header.
    PubReportContent => "举报内容", "What you report";
    /// Report form note.
    PubReportNote => "请如实反映问题并留下联系方式，以便核实；举报人信息予以保密。",
        "Describe the problem truthfully and leave a contact so it can be checked; your details are kept confidential.";
    /// Done.
    PubReportFiled => "举报已提交，发布单位将核实处理。", "Your report has been filed; the publishing unit will look into it.";
    /// Header.
    PubFiledAt => "举报时间", "Filed";
    /// A report from the public site.
    PubFromSite => "来自公示查询网站", "From the public site";
    /// Row action / dialog title.
    PubResolve => "处理举报", "Resolve";
    /// Resolve dialog: the outcome.
    PubOutcome => "处理结果", "Outcome";
    /// Resolve dialog: the resolution.
    PubResolution => "处理意见", "Resolution";
    /// No outcome chosen.
    PubOutcomeRequired => "请选择处理结果", "Choose an outcome";
    /// No resolution.
    PubResolutionRequired => "请填写处理意见", "Give the resolution";
    /// Done.
    PubResolved => "举报已处理。", "The report has been resolved.";
    /// Form: the applications; `{}` is the count chosen.
    PubChooseApplications => "公示的申报（已选 {} 人）", "Applications (chosen: {})";
    /// Form: nothing to choose.
    PubNoCandidates => "当前没有处于本环节、可以公示的申报。", "No application is at this stage to be publicised.";
    /// Result publicity form: the tallied session.
    PubChooseSession => "请选择已统票的评审会", "Choose a tallied session";
    /// Result publicity form: no tallied session waits.
    PubNoSessions => "当前没有已统票、待公示评审结果的评审会。", "No tallied session has results waiting to be publicised.";
    /// Result publicity form: `{}` passed applicants of a session.
    PubSessionPassed => "评审通过 {} 人", "{} passed";
    /// Form: none chosen.
    PubNoApplications => "请至少选择一个申报", "Choose at least one application";
    /// Button.
    PubFillTemplate => "按标准模板生成", "Fill in the standard template";
    /// Hint of the failure publicity's content.
    PubTemplateHint => "标题和内容留空时，保存时按标准模板自动生成。", "Left empty, title and content are generated from the standard template.";
    /// Public site heading is NavPublicSite; intro.
    PublicHeading => "公示查询", "Public notices";
    /// Public site intro.
    PublicIntro => "职称评审拟送评人员名单、审查未通过人员和评审结果公示。身份证号已做脱敏处理。公示期内可对公示人员实名举报。",
        "Nominees, applications that failed the policy review and review results. ID numbers are masked. During the period anyone may report a person, with their name.";
    /// Public batch: reports accepted.
    PublicReportOpen => "本公示正在公示期内，可点击人员后的“举报”反映问题。", "This notice is in its period: use “Report” beside a person to raise a problem.";
    /// Public batch: reports closed.
    PublicReportClosed => "本公示不在公示期内，不再受理举报。", "This notice is outside its period; reports are no longer accepted.";
    /// The public site's links between its services.
    PublicSiteNav => "公共服务", "Public services";

    // public.certificates: 证书核验 on the public site -----------------------------------------
    /// Heading, link and breadcrumb of the certificate check.
    NavCertificates => "证书核验", "Certificate check";
    /// Intro of the certificate check.
    CertIntro => "输入证书编号和持证人姓名（须与证书上印制的完全一致），核验职称证书的真伪和状态；也可扫描证书上的二维码。身份证号已做脱敏处理。",
        "Enter the certificate number and the holder's name exactly as printed to check a title certificate and its status, or scan the QR code on the certificate. ID numbers are masked.";
    /// Field: the certificate number.
    CertNumber => "证书编号", "Certificate number";
    /// Field: the holder's name.
    CertHolderName => "持证人姓名", "Holder's name";
    /// The check's submit button.
    CertVerify => "核验", "Verify";
    /// The check's submit button while the request runs.
    CertVerifying => "正在核验…", "Verifying…";
    /// A number that cannot be a certificate number (`shared::certificates::number_ok`).
    CertNumberInvalid => "证书编号格式不正确，请按证书上印制的编号填写", "This is not a certificate number: type it as printed on the certificate";
    /// Card: the holder.
    CertHolder => "持证人", "Holder";
    /// Card: the approval date.
    CertApprovalDate => "批准日期", "Approved on";
    /// Card: the issuing body.
    CertIssuingBody => "发证机关", "Issued by";
    /// Card of a revoked certificate; `{}` is the date.
    CertRevokedOn => "撤销日期：{}", "Revoked on {}";
    /// Card when nothing was found.
    CertNotFoundHint => "请核对证书编号和持证人姓名是否与证书上印制的完全一致；如仍查不到，请联系发证机关。",
        "Check that the number and the name are exactly as printed on the certificate; if it still cannot be found, contact the issuing body.";
    /// 429: how long to wait; `{}` is a number of seconds.
    CertWaitSeconds => "请 {} 秒后再试。", "Try again in {} seconds.";
    /// 429: how long to wait; `{}` is a number of minutes.
    CertWaitMinutes => "请 {} 分钟后再试。", "Try again in {} minutes.";
    /// The QR page: a link to the check by number.
    CertByNumber => "按证书编号核验", "Check by number";
    /// The QR page's second box.
    CertSignatureHeading => "离线签名校验", "Offline signature check";
    /// The signature holds.
    CertSignatureValid => "签名有效", "Signature valid";
    /// The signature does not hold.
    CertSignatureInvalid => "签名无效", "Signature invalid";
    /// What a valid signature means for a printed certificate (one sentence).
    CertSignatureMeaning => "签名有效说明以下信息确由本平台签发且未被改动，纸质证书上印制的内容应与之一致；证书此后是否被撤销，以上方的在线核验结果为准。",
        "A valid signature means the details below were issued by this platform and have not been altered, so the printed certificate must show the same; whether it has since been revoked is what the online check above says.";
    /// What an invalid signature means.
    CertSignatureBad => "二维码中的内容不是本平台签发的，或已被改动，不能证明证书的真实性。",
        "The QR code's content was not issued by this platform or has been altered; it proves nothing about the certificate.";
    /// The signing key's id.
    CertKeyId => "签名密钥", "Signing key";

    /// Filing list intro (apply).
    ComApplyIntro => "评委会组建单位申请评审权备案，由上级人社部门审核；审核通过后评委会可在备案的系列、级别和有效期内开展评审。有效期最长 3 年。",
        "A committee's organising unit files for review authority; the HRSS above audits it. Once approved, the committee may review within the series, levels and validity filed (at most 3 years).";
    /// Filing list intro (audit).
    ComAuditIntro => "审核下级单位的评审权备案申请。审核不通过时须填写审核意见。",
        "Audit the review authority filings of the units below. An opinion is required to reject.";
    /// Button / dialog title.
    ComApply => "申请备案", "File for authority";
    /// Done; `{}` is the committee.
    ComApplied => "“{}”的评审权备案申请已提交，等待上级人社部门审核。", "The filing of “{}” has been submitted for audit.";
    /// Field / header.
    ComName => "评委会名称", "Committee";
    /// Field.
    ComSeries => "系列", "Series";
    /// Field.
    ComLevels => "评审级别", "Levels";
    /// Header.
    ComSeriesLevels => "系列 / 级别", "Series / levels";
    /// Field.
    ComSpecialties => "专业", "Specialties";
    /// Hint.
    ComSpecialtiesHint => "多个专业用逗号分隔；留空表示该系列全部专业", "Separate with commas; empty means every specialty of the series";
    /// No specialty named.
    ComAllSpecialties => "全部专业", "All specialties";
    /// Field.
    ComRegion => "评审范围（地区）", "Region served";
    /// Header.
    ComSpecialtiesRegion => "专业 / 评审范围", "Specialties / region";
    /// Field.
    ComValidFrom => "有效期开始", "Valid from";
    /// Field.
    ComValidUntil => "有效期结束", "Valid until";
    /// Header.
    ComValidity => "有效期", "Validity";
    /// Hint; `{}` is the latest end.
    ComValidityHint => "有效期最长 3 年，最晚至 {}", "At most 3 years: until {} at the latest";
    /// Hint before a start is chosen.
    ComValidityRule => "有效期最长 3 年", "At most 3 years";
    /// Too long.
    ComValidityTooLong => "有效期结束日期须不早于开始日期，且有效期最长 3 年", "The validity must end after it starts and last at most 3 years";
    /// Field.
    ComDescription => "备案说明", "Description";
    /// Done; `{}` is the committee.
    ComApprovedDone => "“{}”的评审权备案已审核通过。", "The filing of “{}” has been approved.";
    /// Done; `{}` is the committee.
    ComRejectedDone => "“{}”的评审权备案审核不通过。", "The filing of “{}” has been rejected.";
    /// No level.
    ComLevelsRequired => "请至少选择一个评审级别", "Choose at least one level";

    /// Tab of 个人账号管理.
    RevTab => "政策性审查账号", "Policy-review accounts";
    /// Intro.
    RevIntro => "政策性审查账号用于本单位组建的评委会的政策性审查和公示。用户名由系统生成，初始密码只在创建时显示一次；账号开始使用后不能再修改。",
        "Policy-review accounts review and publicise for the committees your unit organises. Usernames are generated, and the initial passwords are shown once only, at creation; an account that has been used can no longer be edited.";
    /// Button / dialog title.
    RevNew => "新增政策性审查账号", "New policy-review accounts";
    /// Dialog submit.
    RevCreate => "生成账号", "Create accounts";
    /// Header.
    RevScope => "评委会 / 年度 / 系列", "Committee / year / series";
    /// Header.
    RevFirstUsed => "首次使用", "First used";
    /// Tag.
    RevUsed => "已使用", "Used";
    /// Field.
    RevYear => "年度", "Year";
    /// Field.
    RevCount => "生成数量", "How many";
    /// Hint.
    RevCountHint => "1–50 个", "1–50";
    /// Hint.
    RevNameHint => "生成多个账号时，名称后依次加 001、002 …", "With several accounts, 001, 002 … is added to the name";
    /// Hint.
    RevSeriesFixed => "由评委会确定", "Set by the committee";
    /// The committee has no authority now.
    RevNoAuthority => "该评委会目前没有有效的评审权备案，不能创建账号。", "This committee holds no review authority in force; no account can be created.";
    /// Result dialog title.
    RevCreatedTitle => "账号已生成", "Accounts created";
    /// Warning.
    RevOnce => "初始密码只显示一次，关闭后无法再次查看。请立即复制并妥善交给审查人员；首次登录须修改密码。",
        "The initial passwords are shown only once and cannot be seen again after closing. Copy them now and hand them over safely; they must be changed at the first sign-in.";
    /// Header.
    RevPassword => "初始密码", "Initial password";
    /// Button.
    RevCopy => "复制全部", "Copy all";
    /// Label of the text to copy by hand.
    RevCopyText => "可复制的文本（用户名、名称、密码）", "Text to copy (username, name, password)";
    /// Copied.
    RevCopied => "已复制到剪贴板。", "Copied to the clipboard.";
    /// Not copied.
    RevCopyFailed => "浏览器不允许自动复制，请选中上面的文本后手动复制。", "The browser does not allow copying here; select the text above and copy it.";
    /// Close the result.
    RevSaved => "我已保存，关闭", "I have saved them — close";
    /// Edit note.
    RevEditNote => "账号首次用于政策性审查后不能再修改。", "Once used in a policy review, the account can no longer be edited.";
    /// Done; `{}` is the username.
    RevSavedDone => "账号“{}”已保存。", "The account “{}” has been saved.";

    /// Heading is NavCalendar; intro.
    CalIntro => "周一至周五为工作日，周六、周日为休息日。在此维护例外：法定节假日（工作日放假）和调休上班日（周末上班）。公示期按此计算工作日。",
        "Monday to Friday are working days, Saturday and Sunday are not. Keep the exceptions here: holidays (a weekday off) and make-up workdays (a weekend day on). Publicity periods count working days by it.";
    /// Heading.
    CalHeading => "工作日历", "Working-day calendar";
    /// Only for system administrators.
    CalAdminOnly => "工作日历只能由系统管理员维护。", "Only the system administrator keeps the calendar.";
    /// Year summary; the year, working days and exceptions.
    CalSummary => "{} 年共 {} 个工作日，{} 个例外日期", "{}: {} working days, {} exceptions";
    /// Button / dialog title.
    CalAdd => "新增例外日期", "Add an exception";
    /// Dialog title.
    CalEdit => "编辑例外日期", "Edit the exception";
    /// Field / header.
    CalDay => "日期", "Date";
    /// Header.
    CalWeekday => "星期", "Weekday";
    /// Field / header.
    CalKind => "类型", "Type";
    /// Hint.
    CalKindHint => "调休上班日只能设在周六或周日", "A make-up workday must be a Saturday or Sunday";
    /// Field / header.
    CalName => "名称", "Name";
    /// Done; `{}` is the date.
    CalSaved => "{} 已保存。", "{} has been saved.";
    /// Done; `{}` is the date.
    CalDeleted => "{} 已删除，恢复按周一至周五计算。", "{} has been removed; the Monday–Friday rule applies again.";
    /// Weekday.
    WeekSun => "星期日", "Sunday";
    /// Weekday.
    WeekMon => "星期一", "Monday";
    /// Weekday.
    WeekTue => "星期二", "Tuesday";
    /// Weekday.
    WeekWed => "星期三", "Wednesday";
    /// Weekday.
    WeekThu => "星期四", "Thursday";
    /// Weekday.
    WeekFri => "星期五", "Friday";
    /// Weekday.
    WeekSat => "星期六", "Saturday";
    // h/batch
    /// Approval dialog: where a forward goes; `{}` is the parent unit.
    WfForwardTo => "转上级：{}", "Forward to {}";
    /// Approval dialog at a unit that is not an HRSS; `{}` is the parent unit.
    WfApproveGoesTo => "申报将转至上级单位：{}", "The applications go up to: {}";
    /// Approval dialog at the provincial HRSS.
    WfMustAssign => "本单位没有上级人社部门，审核通过须分配评委会。", "There is no superior HRSS: approval must assign a committee.";
    /// Approval dialog of a batch: no committee takes every checked application.
    WfNoCommonCommittee => "没有能同时受理所选全部申报的评委会，请分开处理。", "No committee can take every checked application; handle them separately.";
    /// Approval dialog: the route cannot be told (the message follows).
    WfRouteFailed => "无法确定审核通过后的去向：{}", "Cannot tell where approval goes: {}";
    // h/forms
    /// Failure publicity form: the online supplement deadline.
    PubSupplementDeadline => "线上补充材料截止日期", "Online supplement deadline";
    /// Failure publicity form: the paper materials deadline.
    PubPaperDeadline => "纸质材料截止日期", "Paper materials deadline";
    /// Failure publicity form: where paper materials go.
    PubPaperAddress => "纸质材料报送地址", "Paper materials address";
    /// Failure publicity form: the contact phone for paper materials.
    PubPaperPhone => "纸质材料联系电话", "Paper materials contact phone";
    /// Hint: the API's default of the online deadline.
    PubSupplementDefault => "留空则为公示期结束后第 5 个工作日；逾期提交的补充材料不再受理", "Blank: the 5th working day after the period; later supplements are refused";
    /// Hint: the API's default of the paper deadline.
    PubPaperDefault => "留空则与线上截止日期相同", "Blank: the same as the online deadline";
    /// Hint: the API's default address.
    PubAddressDefault => "留空则为评委会组建单位名称", "Blank: the committee unit's name";
    /// Hint: the API's default phone.
    PubPhoneDefault => "留空则为评委会组建单位的联系电话", "Blank: the committee unit's contact phone";
    /// The deadlines fieldset and facts heading.
    PubDeadlines => "补充材料期限（逾期不再受理）", "Supplement deadlines (late materials are refused)";
    /// Batch item: the unit information dialog and button.
    PubEditUnit => "编辑单位信息", "Edit unit information";
    /// Unit information: the name as published.
    PubUnitName => "单位名称", "Unit name";
    /// Unit information: the contact person.
    PubUnitContact => "单位联系人", "Unit contact";
    /// Unit information: the phone.
    PubUnitPhone => "单位联系电话", "Unit phone";
    /// Saved; `{}` the applicant.
    PubUnitSaved => "已更新“{}”的单位信息", "Unit information of “{}” updated";
    /// The dialog's explanation; `{}` the applicant.
    PubUnitHint => "公示期内，申报人所在单位可修改“{}”在公示中显示的单位信息。", "During the publicity the applicant's unit may correct the unit information shown for “{}”.";
    /// 单位代为申报: the page.
    UsTitle => "单位代为申报", "Applications started by the unit";
    /// 单位代为申报: the intro.
    UsIntro => "本单位为申报人代为发起的申报。草稿由申报人本人查看、修改并提交。", "Applications your unit started for its applicants; each applicant reviews, edits and submits the draft.";
    /// 单位代为申报: the button.
    UsNew => "代为申报", "Start an application";
    /// 单位代为申报: choose the applicant.
    UsChoose => "选择申报人", "Choose the applicant";
    /// 单位代为申报: the search field.
    UsSearch => "姓名或用户名", "Name or username";
    /// 单位代为申报: nobody to choose.
    UsNoCandidates => "没有符合条件的申报人账号（须为本单位已启用的个人账号）", "No matching enabled applicant account in your unit";
    /// 单位代为申报: choose this person.
    UsPick => "为其申报", "Start for this person";
    /// 单位代为申报: the form's heading; `{}` the applicant.
    UsFormHeading => "代为申报：{}", "Start an application for {}";
    /// The mark of an application the unit started.
    UsStartedTag => "单位代为发起", "Started by the unit";
    /// Back to the list.
    UsBack => "返回单位代为申报", "Back to applications started by the unit";
    // h/attach
    /// Upload without a kind chosen.
    AttChooseCategory => "请选择附件类别", "Choose the kind of material";
    /// Group of files of no known kind.
    AttUncategorised => "未分类", "Uncategorised";
    /// Files in a group; `{}` is the count.
    AttFileCount => "（{} 个文件）", "({} files)";
    /// Kinds still required; `{}` lists them.
    AttMissing => "提交前还须上传以下类别的附件：{}", "Before submitting, upload files of these kinds: {}";
    /// Submit refused before sending; `{}` lists the kinds.
    AttMissingBeforeSubmit => "暂不能提交：请先上传以下类别的附件：{}", "Cannot submit yet: first upload files of these kinds: {}";
    /// Field.
    AttCategory => "附件类别", "Kind of material";
    /// What voiding means, after the question.
    AttVoidWarning => "作废后本申报即终止，不能再提交，也不能恢复；如仍需申报，须重新新建申报。", "Voiding ends this application for good: it can never be submitted again or restored; to apply, create a new application.";
    /// Menu and page title.
    NavAttachmentCategories => "附件类别", "Attachment categories";
    /// Page intro.
    AttCatIntro => "申报附件的类别：申报人上传时选择；某系列必传的类别缺少附件时不能提交申报。停用的类别保留已上传的附件，但不再接受新附件，也不再必传。", "The kinds of application material: the applicant chooses one per upload; an application cannot be submitted while a kind its series requires has no file. A disabled kind keeps its files but takes no new ones and is never required.";
    /// Field.
    AttCatCode => "代码", "Code";
    /// Hint.
    AttCatCodeHint => "小写字母、数字或下划线；创建后不能修改", "Lowercase letters, digits or underscores; fixed once created";
    /// Field.
    AttCatNameZh => "中文名称", "Chinese name";
    /// Field.
    AttCatNameEn => "英文名称", "English name";
    /// Field.
    AttCatSort => "排序", "Order";
    /// Field and column.
    AttCatRequired => "必传的系列", "Required for series";
    /// No series requires it.
    AttCatOptional => "选传", "Optional";
    /// Button and title.
    AttCatNew => "新增附件类别", "New category";
    /// Title.
    AttCatEdit => "编辑附件类别", "Edit category";
    /// Saved; `{}` is the name.
    AttCatSaved => "附件类别“{}”已保存", "Category “{}” saved";
    /// Column: the application's number.
    AttAppNo => "申报编号", "No.";
    // h/review
    /// Tag of an application submitted again after a return (manual §6.2.1).
    RvResubmission => "重新提交", "Resubmitted";
    /// Panel title: the diff between the last two submissions.
    RvChangesTitle => "自上次提交以来的变化", "Changes since the last submission";
    /// `{}` the previous submission's time, `{}` the latest's.
    RvChangesBetween => "上次提交 {} → 本次提交 {}", "Previous submission {} → this one {}";
    /// Nothing differs.
    RvChangesNone => "与上次提交相比，内容和附件均无变化", "Nothing changed since the last submission";
    /// Diff column.
    RvChangesField => "字段", "Field";
    /// Diff column.
    RvChangesBefore => "修改前", "Before";
    /// Diff column.
    RvChangesAfter => "修改后", "After";
    /// Diff list.
    RvAttachmentsAdded => "新增附件", "Files added";
    /// Diff list.
    RvAttachmentsRemoved => "删除的附件", "Files removed";
    /// Banner of a revoked title.
    RvRevokedBanner => "该申报的职称已撤销", "The title of this application has been revoked";
    /// Revoke dialog warning.
    RvRevokeWarning => "撤销后申报标记为“已撤销”，不能恢复；证书上线后，其证书同时作废。",
        "The application is marked revoked for good; once certificates exist, its certificate is revoked too.";
    /// Revoke dialog: the proofs fieldset.
    RvProofs => "撤销证明材料", "Revocation proofs";
    /// Revoke dialog: no proof checked.
    RvProofRequired => "请至少选择一份撤销证明材料", "Choose at least one revocation proof";
    /// Revoke dialog: the opinion.
    RvRevokeOpinion => "撤销意见（查实的违规情况）", "Opinion (the verified violation)";
    /// Admin: the workflow rules dialog and its button.
    RvWorkflowPolicy => "流程规则", "Workflow rules";
    /// Admin: saved.
    RvWorkflowPolicySaved => "流程规则已保存", "Workflow rules saved";
    /// Admin: the four-eyes setting.
    RvFourEyes => "政策性审查初审与复核须由不同账号完成", "Initial check and recheck by different accounts";
    /// Admin: the four-eyes setting's hint.
    RvFourEyesHint => "启用后，同一政策性审查账号不能对同一申报既初审又复核",
        "When enabled, one policy-review account cannot do both the initial check and the recheck of an application";
    // h/audit
    /// Verify: the latest checkpoint holds; `{}` is its id.
    AuditCpCheckOk => "最新审计检查点 #{} 校验通过：签名有效，其覆盖的记录完整。",
        "The latest audit checkpoint #{} holds: its signature is valid and the records it covers are intact.";
    /// Verify: the latest checkpoint failed; `{}` its id, `{}` the reason.
    AuditCpCheckFailed => "审计检查点 #{} 校验失败：{}。", "Audit checkpoint #{} failed: {}.";
    /// Verify: no checkpoint exists yet.
    AuditCpCheckNone => "尚无审计检查点，无法发现最新记录被删除。", "No audit checkpoint yet: deleting the newest records cannot be detected.";
    /// Failure reason.
    AuditCpFailSignature => "签名无效（并非本系统密钥所签，或已被篡改）", "the signature is invalid (not made by this system's key, or altered)";
    /// Failure reason.
    AuditCpFailHeadMissing => "检查点覆盖的最新记录已被删除", "the newest record it covers has been deleted";
    /// Failure reason.
    AuditCpFailHeadChanged => "检查点覆盖的最新记录已被修改", "the newest record it covers has been altered";
    /// Failure reason.
    AuditCpFailRowCount => "检查点之前的记录数量不符，有记录被删除", "records before it are missing";
    /// Failure reason.
    AuditCpFailChain => "检查点之前的日志链已断开", "the chain before it is broken";
    /// Menu, page title and button.
    AuditCheckpoints => "审计检查点", "Audit checkpoints";
    /// Page intro.
    AuditCpIntro => "系统定期（默认每 60 分钟）用保存在数据库之外的密钥对审计日志链头签名，形成检查点；校验链时核对最新检查点，从而发现最新记录被删除。可用“backend audit public-key”打印公钥，在系统外独立验证签名。",
        "The system signs the audit chain head periodically (every 60 minutes by default) with a key kept outside the database; verifying the chain checks the latest checkpoint, so deleting the newest records is detected. “backend audit public-key” prints the public key for checking signatures outside the system.";
    /// Button.
    AuditCpCreate => "立即生成检查点", "Sign a checkpoint now";
    /// Confirmation.
    AuditCpConfirm => "确定立即对当前审计日志链头签名，生成检查点吗？", "Sign a checkpoint of the current audit chain head now?";
    /// Done; `{}` is its id.
    AuditCpCreated => "已生成审计检查点 #{}", "Audit checkpoint #{} signed";
    /// Column.
    AuditCpSignedAt => "签名时间", "Signed at";
    /// Column.
    AuditCpHeadRow => "链头记录", "Head record";
    /// Column.
    AuditCpRowCount => "记录数", "Records";
    /// Column.
    AuditCpHeadHash => "链头哈希", "Head hash";
    /// Column.
    AuditCpKeyId => "密钥指纹", "Key ID";
    // h/sessions: 评委会管理 (issue 10 part 2)
    /// Review sessions.
    SesIntro => "评委会组建单位按评审年度组建评委会：设定评审小组、分配申报材料、设置各专业所需专家人数、抽取专家、任命职务并完成设置后开始评审。", "The organising unit builds a review session per year: groups, applications, experts needed per specialty, the draw, positions and settings, then starts the review.";
    /// Review sessions.
    SesNew => "组建评委会", "New session";
    /// Review sessions.
    SesName => "名称", "Name";
    /// Review sessions.
    SesYear => "评审年度", "Year";
    /// Review sessions.
    SesDate => "评审日期", "Session date";
    /// Review sessions.
    SesCommittee => "评委会", "Committee";
    /// Review sessions.
    SesCommitteeId => "评委会编号", "Committee ID";
    /// Review sessions.
    SesStatus => "状态", "Status";
    /// Review sessions.
    SesGroupsExperts => "小组 / 在组专家", "Groups / experts";
    /// Review sessions.
    SesCreated => "已组建评委会“{}”", "Session “{}” created";
    /// Review sessions.
    SesOpen => "管理", "Open";
    /// Review sessions.
    SesBack => "返回评委会列表", "Back to sessions";
    /// Review sessions.
    SesStepGroups => "第一步：评审小组与申报材料", "Step 1: groups and applications";
    /// Review sessions.
    SesStepNeeds => "第二步：各专业所需专家人数", "Step 2: experts needed per specialty";
    /// Review sessions.
    SesStepDraw => "第三步：抽取专家", "Step 3: draw the experts";
    /// Review sessions.
    SesStepPositions => "第四步：专家职务", "Step 4: positions";
    /// Review sessions.
    SesStepSettings => "第五步：评审设置", "Step 5: settings";
    /// Review sessions.
    SesGroupName => "小组名称", "Group name";
    /// Review sessions.
    SesAddGroup => "新建小组", "Add group";
    /// Review sessions.
    SesUnassigned => "未分组的申报材料", "Unassigned applications";
    /// Review sessions.
    SesAssignTo => "分配到", "Assign to";
    /// Review sessions.
    SesApplications => "申报材料", "Applications";
    /// Review sessions.
    SesSpecialties => "申报专业", "Specialties";
    /// Review sessions.
    SesNeedsHint => "“专业:人数”，多个用逗号分隔，例如 数学:3, 语文:0", "“specialty:count”, comma-separated, e.g. 数学:3, 语文:0";
    /// Review sessions.
    SesSaveNeeds => "保存人数", "Save counts";
    /// Review sessions.
    SesDrawAll => "抽取全部小组", "Draw every group";
    /// Review sessions.
    SesRedrawReason => "重新抽取原因（重新抽取时必填）", "Re-draw reason (required to re-draw)";
    /// Review sessions.
    SesRedrawGroup => "重新抽取本组", "Re-draw this group";
    /// Review sessions.
    SesAlternates => "抽取 2 名候补", "Draw 2 alternates";
    /// Review sessions.
    SesDrawRecord => "抽取记录", "Draw record";
    /// Review sessions.
    SesSeed => "随机种子", "Seed";
    /// Review sessions.
    SesAlgorithm => "算法", "Algorithm";
    /// Review sessions.
    SesCandidates => "候选专家数", "Candidates";
    /// Review sessions.
    SesExclusions => "回避 / 排除", "Excluded";
    /// Review sessions.
    SesResult => "抽取结果", "Result";
    /// Review sessions.
    SesSuperseded => "已被重新抽取替代", "Superseded";
    /// Review sessions.
    SesVerify => "验证", "Verify";
    /// Review sessions.
    SesVerifiedOk => "抽取 #{} 复算结果一致", "Draw #{} reproduces";
    /// Review sessions.
    SesVerifiedBad => "抽取 #{} 复算结果不一致！", "Draw #{} does NOT reproduce!";
    /// Review sessions.
    SesExpert => "专家", "Expert";
    /// Review sessions.
    SesEmployer => "工作单位", "Employer";
    /// Review sessions.
    SesCovers => "覆盖专业", "Covers";
    /// Review sessions.
    SesLeader => "组长", "Leader";
    /// Review sessions.
    SesMakeLeader => "设为组长", "Make leader";
    /// Review sessions.
    SesPosition => "评委会职务", "Committee position";
    /// Review sessions.
    SesNoPosition => "无（仅评审）", "None (reviews only)";
    /// Review sessions.
    SesDecline => "谢绝", "Decline";
    /// Review sessions.
    SesDeclineReason => "谢绝原因", "Reason for declining";
    /// Review sessions.
    SesBlind => "盲评", "Blind review";
    /// Review sessions.
    SesDefense => "答辩", "Defense";
    /// Review sessions.
    SesFormedBy => "组建方式", "Formed by";
    /// Review sessions.
    SesSaveSettings => "保存设置", "Save settings";
    /// Review sessions.
    SesStart => "开始评审", "Start the review";
    /// Review sessions.
    SesSaved => "已保存", "Saved";
    /// Review sessions.
    SesLimited => "您是本次评审的专家，仅显示您所在的小组。", "You are an expert of this session; only your group is shown.";
    /// Review sessions.
    SesRank => "候补序号", "Alternate rank";
    /// Expert profile: 回避单位.
    ExpUnitNone => "没有名称中含有该文字的单位。", "No unit's name contains that text.";
    /// Expert profile.
    ExpUnitNoneDeclared => "尚未申报回避单位。", "No unit declared.";
    /// Expert profile.
    ExpUnitReason => "回避原因", "Reason";
    /// Expert profile.
    ExpUnitSearch => "输入单位名称的一部分", "Part of the unit's name";
    /// Expert profile.
    ExpUnitFind => "查找单位", "Find the unit";
    /// Review sessions.
    SesGroupAdded => "已新建小组“{}”。", "Group “{}” added.";
    /// Review sessions.
    SesRedrawAll => "重新抽取全部小组", "Re-draw every group";
    /// Review sessions.
    SesRedrawReasonRequired => "重新抽取须填写原因。", "A re-draw needs a reason.";
    /// Review sessions.
    SesDrawn => "已抽取 {} 名专家，抽取记录已留存。", "{} experts drawn; the draw record is kept.";
    /// Review sessions.
    SesDrawKept => "抽取的候选名单、回避记录、随机种子和结果将留存备查，不能删除。", " The candidates, exclusions, seed and result are kept for inspection and cannot be deleted.";
    /// Review sessions.
    SesDrawRules => "从本评委会专家库中在聘期内、专业对口的在库专家中随机抽取；同一专家不进入两个小组；与申报人同单位（含下级单位）或申报了利益冲突的专家自动回避。", "Drawn at random from the committee's active pool experts whose term covers the session date and whose specialty matches; never in two groups; experts of an applicant's employer (or a unit below it) and experts who declared a conflict are recused.";
    /// Review sessions.
    SesDeclineReasonRequired => "请填写谢绝原因。", "Give the reason for declining.";
    /// Review sessions.
    SesDeclined => "已登记“{}”谢绝。", "{} has declined.";
    /// Review sessions.
    SesStarted => "“{}”已开始评审。", "“{}” has started its review.";
    /// Review sessions.
    SesStartMore => "开始后小组、人数、抽取结果和评审设置不能再修改。", " Once started, the groups, counts, draws and settings can no longer change.";
    /// Review sessions.
    SesSavePosition => "保存职务", "Save position";
    /// Review sessions: the draw record's column.
    SesReasonShort => "重新抽取原因", "Re-draw reason";
    /// Review sessions.
    SesPrintDraws => "打印抽取记录", "Print the draw record";
    /// Review sessions.
    SesDrawRecordTitle => "专家抽取记录", "Expert draw record";
    /// Review sessions.
    SesPrintedAt => "打印时间", "Printed at";
    /// Review sessions.
    SesDrawnBy => "抽取人 / 时间", "Drawn by / at";
    /// Review sessions: an expert known only by the pool id.
    SesExpertNo => "专家 #{}", "Expert #{}";
    // h/review: during the review (issue 10)
    /// Page title: the expert's home.
    OrTasksTitle => "我的评审任务", "My review tasks";
    /// Section.
    OrSessions => "参加的评审会", "Sessions I serve in";
    /// Section.
    OrReviews => "待评审材料", "Dossiers to review";
    /// Empty.
    OrNoSessions => "暂无评审会", "No sessions";
    /// Empty.
    OrNoReviews => "暂无分配给您的材料", "No dossiers distributed to you";
    /// Column.
    OrSession => "评审会", "Session";
    /// Column.
    OrGroup => "评审小组", "Group";
    /// Column.
    OrAttendance => "签到状态", "Attendance";
    /// Tag.
    OrSignedIn => "已签到", "Signed in";
    /// Tag.
    OrNotSignedIn => "未签到", "Not signed in";
    /// Tag.
    OrLeader => "组长", "Leader";
    /// Column.
    OrDossiers => "材料数", "Dossiers";
    /// Column.
    OrDistributed => "已分发", "Distributed";
    /// Link.
    OrDistribute => "分发材料", "Distribute";
    /// Column.
    OrApplicant => "申报人", "Applicant";
    /// Column.
    OrSpecialty => "专业", "Specialty";
    /// Column.
    OrRole => "角色", "Role";
    /// Column.
    OrStatus => "状态", "Status";
    /// Link.
    OrReview => "评审", "Review";
    /// Page title.
    OrFormTitle => "专家评审", "Expert review";
    /// Section.
    OrDossier => "申报材料", "Dossier";
    /// Field.
    OrEmployer => "工作单位", "Employer";
    /// Field.
    OrQualification => "申报资格", "Qualification";
    /// Field.
    OrCurrentTitle => "现任职称", "Current title";
    /// Field.
    OrYears => "工作年限", "Years of service";
    /// Field.
    OrAchievements => "业绩成果", "Achievements";
    /// Section.
    OrFiles => "附件", "Files";
    /// Section.
    OrBlind => "盲评意见", "Blind review opinions";
    /// Field.
    OrGrade => "等次", "Grade";
    /// Field.
    OrNote => "备注", "Note";
    /// Section.
    OrOpinion => "评审意见", "Review opinion";
    /// Field.
    OrAcademic => "学术、业绩评价意见", "Academic and performance evaluation";
    /// Field.
    OrDefenseQuestions => "答辩题目", "Defense questions";
    /// Field.
    OrDefenseEvaluation => "答辩评价意见（答辩结束后填写）", "Defense evaluation (after the defense)";
    /// Field.
    OrDefenseScore => "答辩成绩（0–100，答辩结束后填写）", "Defense score (0–100, after the defense)";
    /// Field.
    OrOverall => "综合评价意见", "Overall evaluation";
    /// Button.
    OrSaveDraft => "暂存", "Save draft";
    /// Button.
    OrComplete => "完成材料审查", "Complete the review";
    /// Confirmation.
    OrCompleteConfirm => "完成后评审意见将锁定，不能再修改。确定完成材料审查吗？", "Completing locks the review: it can no longer change. Complete it?";
    /// Success.
    OrSaved => "已暂存", "Draft saved";
    /// Success.
    OrCompleted => "已完成材料审查", "Review completed";
    /// Notice on a locked form.
    OrLocked => "评审意见已提交，不能再修改。", "The review is completed and locked.";
    /// Page title.
    OrDistributionTitle => "小组管理：分发材料", "Group management: distribution";
    /// Hint.
    OrDistributionHint => "每份材料至少分给本组两名专家，并指定其中一名为主审；须回避的专家不能选择。分发完成后点击“进入评审”。", "Give each dossier to at least two experts of the group, one of them chief reviewer; recused experts cannot be chosen. Then enter review.";
    /// Column.
    OrExpert => "专家", "Expert";
    /// Column.
    OrAssigned => "已分材料", "Dossiers assigned";
    /// Column.
    OrChiefCount => "主审数", "As chief";
    /// Check label.
    OrChoose => "选择", "Choose";
    /// Radio label.
    OrChief => "主审", "Chief";
    /// Tag.
    OrRecused => "回避", "Recused";
    /// Button.
    OrSaveDistribution => "确定分发", "Save the distribution";
    /// Button.
    OrEnterReview => "进入评审", "Enter review";
    /// Confirmation.
    OrEnterConfirm => "进入评审后分发不能再更改。确定进入评审吗？", "After entering review the distribution can no longer change. Enter review?";
    /// Notice.
    OrReviewStarted => "本组已进入评审，分发已锁定。", "The group has entered review; the distribution is locked.";
    /// Page title.
    OrAttendanceTitle => "签到签退", "Attendance";
    /// Button.
    OrSignIn => "签到", "Sign in";
    /// Button.
    OrSignOut => "签退", "Sign out";
    /// Section.
    OrGroups => "各小组材料", "Groups";
    /// Column.
    OrReviewsDone => "已完成评审", "Reviews completed";
    /// Button.
    OrDefenseHeld => "答辩结束", "Defense held";
    /// Column.
    OrPosition => "职务", "Position";
    /// Page title.
    OrBlindTitle => "盲评意见上传", "Blind review opinions";
    /// Button.
    OrUpload => "上传", "Upload";
    /// Field.
    OrApplicationId => "申报人（申报编号）", "Applicant (application no.)";
    /// Column.
    OrFile => "文件", "File";
    /// Column.
    OrUploadedAt => "上传时间", "Uploaded";
    /// Button.
    OrDelete => "删除", "Delete";
    /// The distribution was saved.
    OrDistributionSaved => "分发已保存。", "The distribution is saved.";
    /// The group entered review.
    OrReviewEntered => "本组已进入评审，专家可以开始审查。", "The group has entered review; the experts can start.";
    /// The end of the defense was recorded.
    OrDefenseRecorded => "已记录答辩结束。", "The end of the defense is recorded.";
    /// A blind opinion was uploaded.
    OrOpinionUploaded => "匿名评审意见已上传。", "The blind opinion is uploaded.";
    /// A blind opinion was deleted.
    OrOpinionDeleted => "匿名评审意见已删除。", "The blind opinion is deleted.";
    /// Empty.
    OrNoBlind => "暂无盲评意见", "No blind opinions";
    /// Link.
    OrBlindLink => "盲评意见", "Blind opinions";
    /// The application's online review on its detail: session, group, completed, experts.
    OrProgress => "线上评审：{} · {}，专家评审已完成 {} / {}", "Online review: {} · {}, expert reviews completed {} / {}";
    // 专家管理 (issue 10, frontend/src/pages/title/experts).
    /// Column / field.
    ExpName => "姓名", "Name";
    /// Field.
    ExpIdNumber => "身份证号", "ID number";
    /// Field.
    ExpGender => "性别", "Gender";
    /// Field.
    ExpEmployer => "工作单位", "Employer";
    /// Field.
    ExpTitle => "职称", "Title";
    /// Field.
    ExpSpecialties => "评审专业", "Specialties";
    /// Filter.
    ExpSpecialty => "专业", "Specialty";
    /// Hint.
    ExpSpecialtiesHint => "至少一个，多个专业用逗号分隔", "At least one; separate with commas";
    /// Field.
    ExpPhone => "联系电话", "Phone";
    /// Field.
    ExpEmail => "电子邮箱", "E-mail";
    /// Field.
    ExpCommittee => "评委会", "Committee";
    /// Filter / field.
    ExpCommitteeId => "评委会编号", "Committee ID";
    /// Filter.
    ExpEmployerId => "工作单位编号", "Employer ID";
    /// Column.
    ExpTerm => "任期", "Term";
    /// Field.
    ExpTermStart => "任期开始", "Term start";
    /// Field.
    ExpTermEnd => "任期结束", "Term end";
    /// Filter: term covers the day (YYYY-MM-DD).
    ExpTermOn => "任期包含日期（YYYY-MM-DD）", "Term covers day (YYYY-MM-DD)";
    /// Hint.
    ExpTermRule => "任期最长 3 年（人社部令第40号）", "At most 3 years (MOHRSS Order No. 40)";
    /// Form check.
    ExpTermTooLong => "任期须为有效日期且最长 3 年", "The term needs valid days and is at most 3 years";
    /// Form check.
    ExpSpecialtiesRequired => "至少填写一个评审专业", "Name at least one specialty";
    /// Intro of the pool.
    ExpPoolIntro => "评委会组建单位及其上级人社部门管理专家库：预入库、邀请、暂停、恢复与移出。",
        "The committee's organising unit and the HRSS above it manage the pool: pre-entry, invitation, suspension, resumption and removal.";
    /// Button.
    ExpPreEntry => "专家预入库", "Pre-enter an expert";
    /// Flash; `{}` the name.
    ExpPreEntered => "已将 {} 预入库", "{} pre-entered";
    /// Button.
    ExpInvite => "邀请", "Invite";
    /// Dialog text; `{}` the name.
    ExpInviteExplain => "将为 {} 创建专家账号（初始密码，首次登录须修改密码并填写个人信息）。",
        "An expert account will be created for {} (initial password; at first sign-in the password must be changed and the profile completed).";
    /// Flash; `{}` name, `{}` username.
    ExpInvited => "已邀请 {}，登录账号 {}", "Invited {}; login name {}";
    /// Button.
    ExpSuspend => "暂停", "Suspend";
    /// Button.
    ExpResume => "恢复", "Resume";
    /// Button.
    ExpRemove => "移出", "Remove";
    /// Field.
    ExpReason => "原因", "Reason";
    /// Form check.
    ExpReasonRequired => "请填写原因", "Give the reason";
    /// Flash; `{}` name, `{}` status.
    ExpStatusChanged => "{} 已变为“{}”", "{} is now {}";
    /// Heading.
    ExpProfileTitle => "专家个人信息", "Expert profile";
    /// Banner while incomplete.
    ExpProfileIntro => "请完善个人信息：学历、从事领域、可参评时间及需回避的人员或单位。保存后即正式入库。",
        "Complete your profile: education, field of work, availability and whom you must not review. Saving it makes you active in the pool.";
    /// Field.
    ExpEducation => "学历", "Education";
    /// Field.
    ExpFieldOfWork => "从事领域", "Field of work";
    /// Field.
    ExpAvailability => "可参评时间", "Availability";
    /// Field.
    ExpMemberships => "所在专家库", "Pools";
    /// Field.
    ExpUnitConflicts => "回避单位", "Units to avoid";
    /// Field.
    ExpPersonConflicts => "回避人员", "Persons to avoid";
    /// Hint.
    ExpPersonConflictsHint => "每行一人：姓名,身份证号,原因", "One per line: name, ID number, reason";
    /// Button.
    ExpSaveProfile => "保存个人信息", "Save profile";
    /// Flash.
    ExpProfileSaved => "个人信息已保存", "Profile saved";
    /// Intro of pool updates.
    ExpUpdatesIntro => "评委会组建单位申请增补或移出专家，由上级人社部门审核；审核通过后全部变更一次生效。",
        "The organising unit applies to add or remove experts; the HRSS above audits; approval applies every change at once.";
    /// Button.
    ExpFileUpdate => "申请更新专家库", "File a pool update";
    /// Column.
    ExpChanges => "变更内容", "Changes";
    /// Field.
    ExpRemoveMembers => "移出的专家库成员编号", "Pool member IDs to remove";
    /// Field.
    ExpAddExperts => "增补的专家编号", "Expert IDs to add";
    /// Hint.
    ExpIdsHint => "多个编号用逗号分隔", "Separate IDs with commas";
    /// Field.
    ExpUpdateExplain => "申请说明", "Explanation";
    /// Form check.
    ExpChangesRequired => "请至少填写一项变更及其原因", "Give at least one change and its reason";
    /// Flash; `{}` the committee.
    ExpUpdateFiled => "已提交 {} 的专家库更新申请", "Pool update of {} filed";
    /// Flash; `{}` the subject.
    ExpDecided => "已处理：{}", "Decided: {}";
    /// Intro of recommendations.
    ExpRecIntro => "各单位可向评委会推荐专家；评委会组建单位或其上级人社部门受理（进入预入库）或不予受理。",
        "Any unit may recommend an expert to a committee; its organising unit or the HRSS above accepts (into pre-entry) or declines.";
    /// Button.
    ExpRecommend => "推荐专家", "Recommend an expert";
    /// Field / column.
    ExpRecReason => "推荐理由", "Reason for recommending";
    /// Flash; `{}` the name.
    ExpRecommended => "已推荐 {}", "{} recommended";
    /// Button.
    ExpAccept => "受理", "Accept";
    /// Button.
    ExpDecline => "不予受理", "Decline";
    /// Column and dialog title: a recommendation's proof files.
    ExpProofs => "证明材料", "Proof files";
    /// The column's link; `{}` how many.
    ExpProofCount => "{} 个文件", "{} file(s)";
    /// Empty.
    ExpProofsNone => "暂无证明材料", "No proof files yet";
    /// File input.
    ExpProofUpload => "上传证明材料", "Upload a proof file";
    /// Under the file input.
    ExpProofHint => "受理前推荐单位可上传或删除证明材料：PDF、JPEG、PNG 或 Office 文件，每份推荐最多 10 个。",
        "Until the recommendation is decided, the recommending unit adds or removes proof files: PDF, JPEG, PNG or Office, at most 10.";
    /// Flash; `{}` the file.
    ExpProofUploaded => "已上传 {}", "{} uploaded";
    /// Flash; `{}` the file.
    ExpProofRemoved => "已删除 {}", "{} deleted";
    // 专家库: 编辑, 批量预入库, 违规记录 (issue 10, manual §6.5.1)
    /// Dialog title.
    ExpEditTitle => "编辑专家信息", "Edit the expert";
    /// Under the edit dialog's title.
    ExpEditHint => "修改对该专家所在的全部专家库生效。身份证号与性别不可修改；任期属于各专家库，不在此修改。",
        "The change applies in every pool the expert is in. The ID number and gender cannot change; terms belong to each pool and are not edited here.";
    /// Flash; `{}` the name.
    ExpEdited => "已保存 {} 的信息", "{} saved";
    /// Page button and dialog title.
    ExpBulkPreEntry => "批量预入库", "Bulk pre-entry";
    /// The file's columns.
    ExpBulkHint => "第一行为表头（可用“下载模板”）：姓名、身份证号、性别（可空，取身份证号所示）、工作单位（单位全称）或工作单位ID、职称、职称级别、系列、评审专业（多个用“、”分隔）、联系电话、电子邮箱（可空）、任期开始、任期结束（YYYY-MM-DD，最长 3 年）。CSV 可为 UTF-8 或 GBK 编码，最多 100000 行、32 MiB。全部行通过校验才会预入库，否则一个也不预入库。",
        "The first row is the header (see “Download template”): name, ID number, gender (may be empty: the ID number's), employer (the unit's full name) or employer ID, title, title level, series, specialties (separated by “、”), phone, e-mail (may be empty), term start, term end (YYYY-MM-DD, at most 3 years). CSV in UTF-8 or GBK, at most 100,000 rows and 32 MiB. Experts are pre-entered only when every row passes; otherwise none is.";
    /// Form check.
    ExpCommitteeRequired => "请选择评委会", "Choose the committee";
    /// Check passed; `{}` rows.
    ExpBulkPassed => "全部通过：共 {} 行，可以预入库。", "All {} rows passed; ready to pre-enter.";
    /// Done; `{}` created.
    ExpBulkDone => "批量预入库成功：已预入库 {} 位专家。", "Bulk pre-entry done: {} experts pre-entered.";
    /// Check failed; `{}` errors.
    ExpBulkCheckFailed => "预检未通过：发现 {} 处错误，未预入库任何专家。请修改文件后重新预检。",
        "The check failed: {} errors; no expert was pre-entered. Correct the file and check again.";
    /// Upload failed; `{}` errors.
    ExpBulkFailed => "预入库未通过：发现 {} 处错误，未预入库任何专家。",
        "Pre-entry refused: {} errors; no expert was pre-entered.";
    /// Submit button of the bulk dialog.
    ExpBulkSubmit => "预入库", "Pre-enter";
    /// Row button and dialog title.
    ExpIntegrity => "违规记录", "Integrity record";
    /// The dialog's action (submit, confirmation).
    ExpIntegrityAction => "记录违规", "Record violation";
    /// Field.
    ExpIntegrityRecord => "违规情况", "What happened";
    /// Form check.
    ExpIntegrityRequired => "请填写违规情况", "Describe the violation";
    /// The consequence, in the dialog and after the confirmation question.
    ExpIntegrityWarning => "记录后该专家将被移出其所在的全部专家库（包括其他评委会的），且不能再被预入库或邀请。记录不可撤销。",
        "The expert is then removed from every pool (other committees' too) and cannot be pre-entered or invited again. The record cannot be undone.";
    /// Flash; `{}` the name.
    ExpIntegrityRecorded => "已记录 {} 的违规情况，并移出其所在的全部专家库", "Violation of {} recorded; removed from every pool";
    // h/filing: 评审工作备案 (issue 11)
    /// Page heading.
    RfTitle => "评审工作备案", "Review filings";
    /// List intro.
    RfIntro => "评委会组建单位在评审结果公示完成后提交评审工作备案，上级人社部门审核；本单位及下级单位的备案均可查询、导出。", "The organising unit files a session once its result publicity is complete; the HRSS above audits. Filings of your unit and the units below can be queried and exported.";
    /// Column.
    RfCommittee => "评委会 / 评审会", "Committee / session";
    /// Field.
    RfSession => "评审会", "Session";
    /// Column.
    RfUnit => "组建单位", "Organising unit";
    /// Column.
    RfSubmitted => "申报", "Submitted";
    /// Button.
    RfNew => "新建备案", "New filing";
    /// Button.
    RfSaveDraft => "保存", "Save";
    /// Field.
    RfNote => "情况说明", "Note";
    /// Empty select.
    RfNoSessions => "当前没有评审结果公示已完成、尚未备案的评审会。", "No session with a completed result publicity waits to be filed.";
    /// Validation.
    RfSessionRequired => "请选择评审会", "Choose a session";
    /// Breadcrumb.
    RfDetail => "备案详情", "Filing";
    /// Link.
    RfBack => "返回备案列表", "Back to the filings";
    /// Table caption.
    RfFiles => "备案材料（四类均须上传）", "Files (all four kinds are required)";
    /// Column.
    RfKind => "材料类别", "Kind";
    /// Empty slot.
    RfNoFile => "未上传", "Not uploaded";
    /// Done.
    RfUploaded => "材料已上传。", "The file has been uploaded.";
    /// Done.
    RfDeleted => "材料已删除。", "The file has been deleted.";
    /// Done.
    RfSaved => "已保存。", "Saved.";
    /// Button.
    RfSubmit => "申报", "Submit";
    /// Confirmation.
    RfSubmitConfirm => "确定申报该评审工作备案吗？申报后材料不能更改，待上级人社部门审核。", "Submit this filing? Its files can no longer change; the HRSS above will audit it.";
    /// Done.
    RfSubmittedDone => "备案已申报，待审核。", "The filing has been submitted for audit.";
    // h/votes: 组内投票, 评委会投票, 评审表决表, 统票结果 (issue 11).
    /// Page title and link.
    VtGroupTitle => "组内投票", "Group vote";
    /// Page title and link.
    VtCommitteeTitle => "评委会投票", "Committee vote";
    /// Page title and link.
    VtSheetTitle => "评审表决表", "Vote sheet";
    /// Page title (menu: 统票结果).
    VtResultsTitle => "统票结果", "Tally results";
    /// Under the results title.
    VtResultsIntro => "已统票评审会的表决结果，可按评审会、评委会、年度、结果和专业筛选。", "The outcomes of tallied sessions, by session, committee, year, result and specialty.";
    /// Header: reviews completed of all.
    VtReviewsDone => "评审完成", "Reviews completed";
    /// Header: experts signed in of all.
    VtExpertsSignedIn => "专家签到", "Experts signed in";
    /// Header: the session's status.
    VtSessionStatus => "评审会状态", "Session status";
    /// Leader button.
    VtOpenGroup => "进入组内投票", "Open the group vote";
    /// Why the open button is disabled.
    VtOpenGroupHint => "本组评审全部完成后方可进入组内投票。", "The group vote opens once every review of the group is completed.";
    /// Consequence after the confirmation question.
    VtOpenGroupMore => "开启后本组已签到的专家即可投票。", "The group's signed-in experts can then vote.";
    /// Done.
    VtOpenGroupDone => "组内投票已开启。", "The group vote is open.";
    /// Leader button.
    VtCloseGroup => "组内统票", "Close the group vote";
    /// Consequence after the confirmation question.
    VtCloseGroupMore => "统票后本组不能再投票，每位申报人的小组意见将被记录。", "No more votes are taken; each applicant's group view is recorded.";
    /// Done.
    VtCloseGroupDone => "组内统票完成，小组意见已记录。", "The group vote is closed and its views are recorded.";
    /// Column: the caller's vote.
    VtChoice => "表决意见", "Your vote";
    /// The caller has voted on this applicant.
    VtVoted => "已投票", "Voted";
    /// Column: how many votes were cast (never which).
    VtVotesCast => "已投票数", "Votes cast";
    /// Column: the group's recommendation.
    VtRecommendation => "小组意见", "Group view";
    /// Counts; `{}` agree, disagree, abstain.
    VtCounts => "同意 {} · 不同意 {} · 弃权 {}", "Agree {} · Disagree {} · Abstain {}";
    /// Button.
    VtSubmit => "提交投票", "Submit votes";
    /// Confirmation; `{}` how many applicants.
    VtSubmitConfirm => "确定提交对 {} 位申报人的表决意见吗？投票提交后不能更改。", "Submit your votes on {} applicants? Votes cannot be changed once submitted.";
    /// Not every applicant has a choice; `{}` how many are left.
    VtMissing => "请为每位申报人选择表决意见（还有 {} 位未选）。", "Choose a vote for every applicant ({} left).";
    /// Done; `{}` votes cast.
    VtCastDone => "已提交 {} 票，投票不能更改。", "{} votes submitted; they cannot be changed.";
    /// An expert who may not vote now.
    VtCannotVote => "您当前不能投票（投票未开启、已统票或您尚未签到）。", "You cannot vote now (the vote is not open, is closed, or you are not signed in).";
    /// Everything is voted.
    VtAllVoted => "您已对全部申报人投票。", "You have voted on every applicant.";
    /// Header: committee members.
    VtCommitteeSize => "评委会人数", "Committee size";
    /// Header: members signed in.
    VtMembersSignedIn => "委员签到", "Members signed in";
    /// Header: the least attending for a valid meeting.
    VtQuorum => "法定人数", "Quorum";
    /// Header: the rules.
    VtRules => "表决规则", "Rules";
    /// The rules; `{}` quorum num/den, pass num/den.
    VtRulesText => "出席委员不少于评委会人数的 {}/{}；同意票不少于出席委员的 {}/{} 为通过。", "At least {}/{} of the committee attend; an applicant passes with at least {}/{} of those attending agreeing.";
    /// The secret ballot.
    VtSecret => "无记名投票：任何人的表决意见都不显示，每位申报人只显示已投票数。", "Secret ballot: nobody's choice is shown, only how many votes each applicant has.";
    /// Director / organiser button.
    VtTally => "统票", "Tally";
    /// Consequence after the confirmation question.
    VtTallyMore => "统票结果为最终结果，不能撤销：通过者进入评审结果公示，未通过者评审结束。", "The result is final and cannot be undone: those passed go to result publicity, the others fail.";
    /// Done.
    VtTallied => "统票完成。", "Tallied.";
    /// Organiser button on the session page.
    VtOpenCommittee => "进入评委会投票", "Open the committee vote";
    /// Consequence after the confirmation question.
    VtOpenCommitteeMore => "各小组须已完成组内统票；开启后评委会委员即可投票。", "Every group must have closed its vote; the committee members can then vote.";
    /// Done.
    VtOpenCommitteeDone => "评委会投票已开启。", "The committee vote is open.";
    /// Session page: the votes panel.
    VtVotesPanel => "投票表决", "Votes";
    /// Session page button.
    VtExportSheet => "导出表决表", "Export the vote sheet";
    /// Sheet header.
    VtSessionDate => "评审日期", "Session date";
    /// Sheet header and results column.
    VtTalliedAt => "统票时间", "Tallied at";
    /// Sheet header and column: members attending.
    VtAttending => "实到", "Attending";
    /// Sheet column: committee size.
    VtExpected => "应到", "Expected";
    /// Sheet header.
    VtBallots => "投票数", "Ballots";
    /// Sheet header.
    VtPassedCount => "通过人数", "Passed";
    /// Column.
    VtResult => "表决结果", "Result";
    /// A result.
    VtPassed => "通过", "Passed";
    /// A result.
    VtFailed => "未通过", "Not passed";
    /// The digest's label.
    VtDigest => "校验码", "Digest";
    /// The digest matches the ballots.
    VtDigestOk => "校验通过", "Verified";
    /// The digest does not match.
    VtDigestBad => "校验失败：当前投票记录与统票时的校验码不一致。", "Verification failed: the ballots on record do not give the digest stored at the tally.";
    /// Column: agree.
    VtAgree => "同意", "Agree";
    /// Column: disagree.
    VtDisagree => "不同意", "Disagree";
    /// Column: abstain.
    VtAbstain => "弃权", "Abstain";
    /// Filter: session id.
    VtSessionId => "评审会编号", "Session ID";
    /// Back link to the session.
    VtBackToSession => "返回评审会", "Back to the session";
    /// The applicants' table caption.
    VtApplicants => "申报人", "Applicants";
    /// No applicants.
    VtNoApplicants => "没有申报人。", "No applicants.";
    /// Results column: the committee's counts.
    VtCountsColumn => "表决票数", "Votes";
    // The session and vote rules (评审会规则), for the system administrator.
    /// Menu and page title.
    NavReviewRules => "评审会规则", "Session and vote rules";
    /// Page intro.
    RrIntro => "评委会开始评审时检查的组建规则，以及评委会投票统票时适用的表决规则（人社部令第40号）。修改自下一次开始评审或统票起生效；已统票的评审会保留统票时适用的规则。",
        "The committee rules a session is checked against when its review starts, and the thresholds its committee vote is tallied by (MOHRSS Order No. 40). A change applies from the next start or tally; a session already tallied keeps the rules it was tallied with.";
    /// The session rules' panel and dialog.
    RrSessionRules => "评委会组建规则", "Committee rules";
    /// The session rules in words when checked; `{}` by series, `{}` by specialty.
    RrSessionRulesOn => "按系列组建的高级评委会委员不少于 {} 名，按专业组建的不少于 {} 名",
        "A senior committee formed by series has at least {} members, one formed by specialty at least {}";
    /// The session rules in words when not checked.
    RrSessionRulesOff => "不检查高级评委会的委员人数", "The size of a senior committee is not checked";
    /// Term of the session rules' line.
    RrSeniorSize => "高级评委会人数", "Senior committee size";
    /// The switch.
    RrSeniorSizeRules => "检查高级评委会委员人数", "Check the size of senior committees";
    /// A minimum.
    RrSeriesMin => "按系列组建的最少委员数", "Least members, formed by series";
    /// A minimum.
    RrSpecialtyMin => "按专业组建的最少委员数", "Least members, formed by specialty";
    /// Saved.
    RrSessionRulesSaved => "评委会组建规则已保存", "The committee rules have been saved";
    /// The vote rules' panel and dialog.
    RrVoteRules => "表决规则", "Vote rules";
    /// Term: the quorum.
    RrQuorum => "会议有效", "Valid meeting";
    /// Term: the pass mark.
    RrPass => "通过", "Passing";
    /// Term: the example.
    RrExample => "示例", "Example";
    /// The quorum in words; `{}` the fraction.
    RrQuorumRule => "出席委员不少于评委会委员总数的 {}", "Members attending are at least {} of the committee";
    /// The pass mark in words; `{}` the fraction.
    RrPassRule => "同意票不少于出席委员的 {}", "Agree votes are at least {} of the members attending";
    /// The example; `{}` members, `{}` the quorum, `{}` attending, `{}` the pass mark.
    RrExampleText => "以 {} 名委员的评委会为例：至少 {} 名委员出席，会议方为有效；{} 名委员出席时，同意票达到 {} 票方为通过。",
        "A committee of {} members: the meeting is valid with at least {} attending; with {} attending, an applicant passes with {} agree votes.";
    /// A field of the vote rules.
    RrQuorumNum => "出席比例分子", "Quorum numerator";
    /// A field of the vote rules.
    RrQuorumDen => "出席比例分母", "Quorum denominator";
    /// A field of the vote rules.
    RrPassNum => "通过比例分子", "Pass numerator";
    /// A field of the vote rules.
    RrPassDen => "通过比例分母", "Pass denominator";
    /// The vote rules dialog's explanation; `{}` the largest denominator.
    RrFractionHint => "每个比例须大于 0 且不超过 1：分母为 1 至 {} 的整数，分子为 1 至分母的整数。",
        "Each fraction is above 0 and at most 1: a denominator from 1 to {}, a numerator from 1 to the denominator.";
    /// Saved.
    RrVoteRulesSaved => "表决规则已保存", "The vote rules have been saved";
    /// The edit buttons.
    RrChange => "修改", "Change";
    // Certificates (职称/职业资格证书管理, issue 12).
    /// Column and field: the certificate number.
    /// The number has characters a certificate number never has.
    /// Column and field: the holder.
    /// Column and field: the (masked) ID number.
    CertIdNumber => "身份证号", "ID number";
    /// Column and field: 任职资格名称.
    CertQualification => "任职资格", "Qualification";
    /// Column and field: the employer at the time of issue.
    CertEmployer => "工作单位", "Employer";
    /// Column and field: the committee.
    CertCommittee => "评委会", "Committee";
    /// Column and field: the approval date.
    /// Field: 批准文号.
    CertApprovalDocument => "批准文号", "Approval document no.";
    /// Field: the issuing body.
    /// Field: the specialty.
    CertSpecialty => "专业", "Specialty";
    /// Column and filter: where the record came from.
    CertSource => "来源", "Source";
    /// Filter: the certificate's year.
    CertYear => "年度", "Year";
    /// Filter: the employer's subtree.
    CertUnit => "单位（含下级）", "Unit (and below)";
    /// Filter: holder name prefix or exact number.
    CertQuery => "姓名或证书编号", "Name or number";
    /// The list's intro.
    CertListIntro => "本单位及下级单位人员的职称证书：评审通过后自动发证、补录和导入的历史证书。",
        "The certificates of the people of your unit and the units below it: issued after an approved review filing, backfilled or imported.";
    /// 核验 (the dialog's button and heading).
    /// The verify dialog's name field.
    CertVerifyName => "持证人姓名", "Holder name";
    /// The verify dialog: fill in both fields.
    CertVerifyRequired => "请填写证书编号和持证人姓名", "Enter the certificate number and the holder's name";
    /// The verify dialog's explanation.
    CertVerifyHint => "按证书编号与持证人姓名核验，核验记录会记入本单位名下。",
        "Checks a certificate by its number and holder name; the check is logged under your unit.";
    /// 补录 (the list's button).
    CertBackfillNew => "补录证书", "Backfill a certificate";
    /// Backfilled; `{}` the number.
    CertBackfilled => "已补录证书 {}", "Certificate {} backfilled";
    /// The backfill dialog's explanation.
    CertBackfillHint => "录入平台上线前颁发的证书。工作单位须为本单位或下级单位；性别可不选（取身份证号所示）。",
        "Enter a certificate issued before the platform. The employer is your unit or one below it; gender may be left empty (the ID number's).";
    /// 撤销 (row action, dialog heading and button).
    CertRevoke => "撤销", "Revoke";
    /// The revocation's reason.
    CertRevokeReason => "撤销原因", "Reason for the revocation";
    /// The reason is missing.
    CertReasonRequired => "请填写撤销原因", "Enter the reason for the revocation";
    /// Revoked; `{}` the number.
    CertRevokedDone => "证书 {} 已撤销", "Certificate {} revoked";
    /// The revocation's consequence.
    CertRevokeWarning => "撤销后该证书在公开核验中显示为已撤销，不可恢复。",
        "Once revoked the certificate shows as revoked on every verification; this cannot be undone.";
    /// The import screen's explanation.
    CertImportHint => "第一行为表头（可用“下载模板”）：证书编号、姓名、身份证号、性别（可空）、工作单位（单位全称）或工作单位ID、系列、专业、级别、任职资格名称、评委会、批准日期（YYYY-MM-DD）、批准文号（可空）、发证机关。CSV 可为 UTF-8 或 GBK 编码，最多 100000 行、32 MiB。全部行通过校验才会导入，否则一个也不导入。",
        "The first row is the header (see “Download template”): number, name, ID number, gender (may be empty), employer (the unit's full name) or employer ID, series, specialty, level, qualification, committee, approval date (YYYY-MM-DD), approval document (may be empty), issuing body. A CSV may be UTF-8 or GBK; at most 100,000 rows and 32 MiB. Every row must pass, or none is imported.";
    /// The check passed; `{}` rows.
    CertImportPassed => "全部通过：共 {} 行，可以导入。", "Every row passed: {} rows, ready to import.";
    /// Imported; `{}` certificates.
    CertImportDone => "导入成功：已导入 {} 张证书。", "Imported {} certificates.";
    /// The check failed; `{}` errors.
    CertImportCheckFailed => "预检未通过：共 {} 处错误，未导入任何证书。", "The check failed with {} errors; nothing was imported.";
    /// The import failed; `{}` errors.
    CertImportFailed => "导入未通过：共 {} 处错误，未导入任何证书。", "The import failed with {} errors; nothing was imported.";
    /// The import button.
    CertImportSubmit => "导入", "Import";
    /// The print page's title.
    CertPrintTitle => "专业技术职务任职资格证书", "Certificate of Professional and Technical Qualification";
    /// The print page's verification line; `{}` the address.
    CertScanLine => "扫码或访问 {} 核验", "Scan the code or visit {} to verify";
    /// The QR code's alternative text.
    CertQrAlt => "证书核验二维码", "QR code for verifying the certificate";
    /// The QR code could not be loaded.
    CertQrFailed => "二维码加载失败", "The QR code could not be loaded";
    /// The verification history's heading.
    CertHistory => "核验记录", "Verification history";
    /// History column: when.
    CertHistoryAt => "核验时间", "When";
    /// History column: how.
    CertHistoryWay => "核验方式", "How";
    /// History column: which unit.
    CertHistoryUnit => "核验单位", "Verifying unit";
    /// A verification by an anonymous visitor.
    CertAnonymous => "公众（未登录）", "Public visitor";
    /// The print page's way back.
    CertBack => "返回", "Back";
    /// The holder's panel.
    CertMine => "我的证书", "My certificates";
    /// The holder has none.
    CertMineEmpty => "暂无证书。评审备案审核通过后，证书会显示在这里。", "No certificates yet. They appear here once the review filing is approved.";
    /// The filing: certificates issued by its approval.
    CertIssued => "已发证书", "Certificates issued";
    /// The filing decision: what the approval document does.
    CertApprovalDocumentHint => "审核通过后为本场评审通过的人员发放证书，证书上印此文号；可不填。",
        "Approving issues the certificates of everyone the session passed, printed with this number; may be left empty.";
    /// The numbering setting: menu and title.
    NavCertNumbering => "证书编号规则", "Certificate numbering";
    /// The numbering setting's intro.
    CnIntro => "新发证书的编号由省份代码和编号模板生成。占位符：{province} 省份代码，{year} 年度，{series} 系列代码（两位），{level} 级别（1–4），{seq} 或 {seq:N} 顺序号（按年度和系列，补零到 N 位）；须含 {year}、{series} 和顺序号。",
        "New certificate numbers are formed from the province code and the template. Placeholders: {province} the province code, {year} the year, {series} the series code (two digits), {level} the level (1–4), {seq} or {seq:N} the sequence (per year and series, zero-padded to N digits); {year}, {series} and a sequence are required.";
    /// Field.
    CnProvince => "省份代码", "Province code";
    /// Field.
    CnTemplate => "编号模板", "Template";
    /// The live preview's label.
    CnPreview => "示例编号", "Example number";
    /// The preview's basis.
    CnPreviewBasis => "（2026 年度工程系列正高级第 42 号）", "(2026, engineering, senior, number 42)";
    /// Template error.
    CnErrUnknown => "模板含未知的占位符或未闭合的花括号", "The template has an unknown placeholder or an unclosed brace";
    /// Template error.
    CnErrMissing => "模板须含 {year}、{series} 和顺序号 {seq}", "The template needs {year}, {series} and a {seq}";
    /// Template error.
    CnErrCharacters => "占位符以外只能使用字母、数字、- 和 _", "Outside placeholders only letters, digits, - and _ are allowed";
    /// Template error.
    CnErrProvince => "省份代码须为两位数字", "The province code is two digits";
    /// Saved.
    CnSaved => "证书编号规则已保存", "The certificate numbering has been saved";
    // The chart kit (frontend/src/kit/charts.rs).
    /// The 图表 / 表格 toggle's group name, after the chart's caption.
    ChartView => "显示方式", "view";
    /// Show the chart.
    ChartViewChart => "图表", "Chart";
    /// Show the same numbers as a table.
    ChartViewTable => "表格", "Table";
    // 统计分析 (issue 12).
    /// The dashboards' menu word and the home card's title.
    DashNav => "统计分析", "Statistics";
    /// The home card's line.
    DashHomeCard => "本辖区申报、评审和公示的统计", "Applications, reviews and publicity in your jurisdiction";
    /// The applications dashboard's title.
    DashApplicationsTitle => "申报统计分析", "Application statistics";
    /// What the applications dashboard counts: `{}` the unit, `{}` the year, `{}` the total.
    DashScope => "{} · {} 年度 · 共 {} 件申报（不含未提交的草稿）", "{} · {} · {} applications (drafts never submitted excluded)";
    /// The dashboards' export.
    DashExport => "导出 XLSX", "Export XLSX";
    /// Dashboards: when the figures were counted (they are at most a minute old).
    DashAsOf => "数据截至 {}（每分钟更新）", "Figures as of {} (updated every minute)";
    /// The API refused the dashboard.
    DashNoAccess => "统计分析仅向人力资源和社会保障部门及组织评委会的单位开放，您的账号无权查看。",
        "Statistics are open to the HRSS departments and the units that organise a committee; this account cannot see them.";
    /// Chart: the funnel.
    DashFunnel => "各环节申报情况", "Applications by stage";
    /// Under the funnel.
    DashFunnelNote => "中位等待：该环节现有申报已在此等待的整天数的中位数。", "Median wait: the median of the whole days the applications now in a stage have waited in it.";
    /// Chart.
    DashPassSeries => "各系列评审通过率", "Pass rate by series";
    /// Chart.
    DashPassLevel => "各级别评审通过率", "Pass rate by level";
    /// Chart.
    DashPassEmployer => "各工作单位评审通过率（评审件数前 20）", "Pass rate by employer (top 20 by decisions)";
    /// Chart.
    DashPerMonth => "每月申报数", "Applications per month";
    /// Chart.
    DashReports => "公示举报处理情况", "Publicity reports by state";
    /// Column: how many.
    DashCount => "件数", "Count";
    /// Column: the median wait.
    DashMedianWait => "中位等待（天）", "Median wait (days)";
    /// A funnel bar's text: `{}` how many, `{}` the median wait in days.
    DashCountWait => "{} 件 · 中位等待 {} 天", "{} · median wait {} d";
    /// A funnel bar's text without a wait: `{}` how many.
    DashCountOnly => "{} 件", "{}";
    /// Applications with a review result.
    DashDecided => "已评审", "Decided";
    /// Of which passed.
    DashPassed => "通过", "Passed";
    /// Column.
    DashRate => "通过率", "Pass rate";
    /// Column.
    DashMonth => "月份", "Month";
    /// Column: applications submitted.
    DashApplications => "申报数", "Applications";
    /// Column.
    DashTotal => "合计", "Total";
    /// The accounts dashboard's title.
    DashAccountsTitle => "账号统计分析", "Account statistics";
    /// Under its title.
    DashAccountsIntro => "各类账号的启用和停用数，以及近 30 天（北京时间）每天的登录、登录失败和锁定次数。",
        "Enabled and disabled accounts of each kind, and the sign-ins, failed sign-ins and lockouts of each of the last 30 days (Beijing time).";
    /// Chart.
    DashByKind => "各类账号", "Accounts by kind";
    /// A kind's bar text: `{}` enabled, `{}` disabled.
    DashEnabledDisabled => "启用 {} · 停用 {}", "{} enabled · {} disabled";
    /// Chart.
    DashSignIns => "近 30 天登录情况", "Sign-ins over the last 30 days";
    /// Series and column.
    DashSignInCount => "登录", "Sign-ins";
    /// Series and column.
    DashFailedSignIns => "登录失败", "Failed sign-ins";
    /// Series and column.
    DashLockouts => "锁定", "Lockouts";
    // 站内通知 (issue 12): the top bar's count and the inbox page.
    /// The top bar's link to the inbox.
    InboxLink => "通知", "Notices";
    /// After the link's text, for screen readers only; `{}` the unread count.
    InboxUnreadCount => "：{} 条未读通知", ": {} unread";
    /// The inbox page's heading (and its breadcrumb).
    InboxTitle => "站内通知", "Inbox";
    /// The inbox page's intro.
    InboxIntro => "与您和本单位有关的事项，最新的在前。点击通知内容即打开相应页面，并将该通知标为已读。",
        "What concerns you and your unit, newest first. Click a notice to open its page; it is marked read.";
    /// Column: when.
    InboxTime => "通知时间", "Received";
    /// Column and filter: the kind.
    InboxKind => "通知类型", "Kind";
    /// Column: the sentence.
    InboxText => "通知内容", "Notice";
    /// Filter: only the unread ones.
    InboxUnreadOnly => "仅看未读", "Unread only";
    /// State tag.
    InboxRead => "已读", "Read";
    /// State tag.
    InboxUnread => "未读", "Unread";
    /// Marks every notice read.
    InboxReadAll => "全部标为已读", "Mark all read";
    /// After 全部标为已读.
    InboxAllRead => "全部通知已标为已读", "Every notice is marked read";
}

/// `template` (a key's text with one `{}`) with `value` in its place.
pub fn fill(template: &str, value: &str) -> String {
    template.replacen("{}", value, 1)
}

/// `template` with each `{}` replaced by the next of `values`, in order.
pub fn fill_n(template: &str, values: &[&str]) -> String {
    values.iter().fold(template.to_owned(), |text, value| {
        text.replacen("{}", value, 1)
    })
}

/// `main（aside）` in Chinese, `main (aside)` in English.
pub fn paren(locale: Locale, main: &str, aside: &str) -> String {
    match locale {
        Locale::ZhCn => format!("{main}（{aside}）"),
        Locale::En => format!("{main} ({aside})"),
    }
}

/// `label：value` in Chinese, `label: value` in English.
pub fn labelled(locale: Locale, label: &str, value: &str) -> String {
    match locale {
        Locale::ZhCn => format!("{label}：{value}"),
        Locale::En => format!("{label}: {value}"),
    }
}

/// The text of `key` in `locale`.
pub fn t(locale: Locale, key: Key) -> &'static str {
    match locale {
        Locale::ZhCn => key.zh,
        Locale::En => key.en,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_empty_in_either_language() {
        for &(name, key) in ALL {
            for locale in Locale::ALL {
                assert!(
                    !t(locale, key).trim().is_empty(),
                    "{name} is empty in {locale:?}"
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
    fn punctuation_follows_the_language() {
        assert_eq!(paren(Locale::ZhCn, "张三", "zhang"), "张三（zhang）");
        assert_eq!(paren(Locale::En, "Zhang", "zhang"), "Zhang (zhang)");
        assert_eq!(labelled(Locale::ZhCn, "可用", "单位创建"), "可用：单位创建");
        assert_eq!(
            labelled(Locale::En, "Available", "Create units"),
            "Available: Create units"
        );
    }

    #[test]
    fn several_values_fill_in_order() {
        assert_eq!(fill_n("第 {} / {} 页", &["2", "5"]), "第 2 / 5 页");
    }

    #[test]
    fn chinese_is_the_default_and_languages_differ() {
        assert_eq!(t(Locale::default(), Key::NavHome), "首页");
        for &(name, key) in ALL {
            assert_ne!(
                t(Locale::ZhCn, key),
                t(Locale::En, key),
                "{name} is untranslated"
            );
        }
    }
}
