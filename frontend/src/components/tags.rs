//! Status tags in colour: an account's (启用 / 停用 / 锁定 / 待改密) and a unit's.

use shared::org::Account;
use yew::prelude::*;

use crate::i18n::{use_i18n, Key};

/// The colour of a tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Green.
    Success,
    /// Amber.
    Warning,
    /// Red.
    Danger,
    /// Grey.
    Neutral,
}

impl Tone {
    /// The CSS classes of a tag in this colour.
    pub fn class(self) -> &'static str {
        match self {
            Tone::Success => "tag tag-success",
            Tone::Warning => "tag tag-warning",
            Tone::Danger => "tag tag-danger",
            Tone::Neutral => "tag",
        }
    }
}

/// The tags of an account: disabled wins over locked, locked over enabled; a pending password
/// change is shown beside whichever it is.
pub fn account_status(account: &Account) -> Vec<(Key, Tone)> {
    let mut tags = vec![if !account.enabled {
        (Key::StatusDisabled, Tone::Neutral)
    } else if account.locked {
        (Key::StatusLocked, Tone::Danger)
    } else {
        (Key::StatusEnabled, Tone::Success)
    }];
    if account.must_change_password {
        tags.push((Key::StatusMustChange, Tone::Warning));
    }
    tags
}

/// The tag of an enabled / disabled unit.
pub fn enabled_status(enabled: bool) -> (Key, Tone) {
    if enabled {
        (Key::StatusEnabled, Tone::Success)
    } else {
        (Key::StatusDisabled, Tone::Neutral)
    }
}

/// Props of [`Tags`].
#[derive(Properties, PartialEq)]
pub struct TagsProps {
    /// The tags.
    pub tags: Vec<(Key, Tone)>,
}

/// A row of tags (`data-testid="status"`).
#[component]
pub fn Tags(props: &TagsProps) -> Html {
    let i18n = use_i18n();
    html! {
        <span class="tags" data-testid="status">
            { for props.tags.iter().map(|&(key, tone)| html! {
                <span class={tone.class()}>{ i18n.t(key) }</span>
            }) }
        </span>
    }
}

#[cfg(test)]
mod tests {
    use shared::AccountKind;

    use super::*;

    fn account(enabled: bool, locked: bool, must_change_password: bool) -> Account {
        Account {
            id: 1,
            username: "u".into(),
            display_name: "U".into(),
            kind: AccountKind::Handler,
            unit_id: 1,
            unit_name: "单位".into(),
            phone: None,
            id_number_masked: None,
            enabled,
            locked,
            must_change_password,
            role_ids: vec![],
            last_login_at: None,
            version: 1,
        }
    }

    #[test]
    fn disabled_beats_locked_beats_enabled_and_a_pending_change_is_added() {
        let keys =
            |a: &Account| -> Vec<Key> { account_status(a).into_iter().map(|t| t.0).collect() };
        assert_eq!(keys(&account(true, false, false)), [Key::StatusEnabled]);
        assert_eq!(keys(&account(true, true, false)), [Key::StatusLocked]);
        assert_eq!(keys(&account(false, true, false)), [Key::StatusDisabled]);
        assert_eq!(
            keys(&account(true, false, true)),
            [Key::StatusEnabled, Key::StatusMustChange]
        );
        assert_eq!(enabled_status(false).0, Key::StatusDisabled);
    }
}
