//! 组织机构管理 (`portal.system.org_structure`): the caller's jurisdiction as a tree, each unit
//! with its accounts. Units open and close like folders; the caller's own unit starts open.

use std::collections::HashSet;

use shared::org::{Account, OrgNode};
use shared::Module;
use yew::prelude::*;

use super::accounts::{state_columns, who_columns};
use crate::api;
use crate::components::table::load_error;
use crate::hooks::{use_api, use_load, Load};
use crate::i18n::{fill, use_i18n, I18n, Key};
use crate::kit::list::static_table;
use crate::kit::tags::{status_tag, Status};
use crate::state::session::use_session;

/// Levels below the caller's unit that are loaded (the API allows at most 5).
const DEPTH: u8 = 5;

/// Which units are open: a base rule and the units the user flipped.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Openness {
    base: Base,
    flipped: HashSet<i64>,
}

/// The rule for units the user has not touched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Base {
    /// Only the top unit is open.
    #[default]
    TopOnly,
    /// Everything is open.
    All,
    /// Everything is closed.
    None,
}

impl Openness {
    /// Whether the unit `id`, `level` steps below the top, is open.
    pub fn is_open(&self, id: i64, level: usize) -> bool {
        let base = match self.base {
            Base::TopOnly => level == 0,
            Base::All => true,
            Base::None => false,
        };
        base != self.flipped.contains(&id)
    }

    /// Opens a closed unit, closes an open one.
    pub fn toggle(&mut self, id: i64) {
        if !self.flipped.remove(&id) {
            self.flipped.insert(id);
        }
    }

    /// Everything open (`true`) or closed.
    pub fn set_all(&mut self, open: bool) {
        self.base = if open { Base::All } else { Base::None };
        self.flipped.clear();
    }
}

/// The page.
#[component]
pub fn OrgTree() -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let api = use_api();
    let locale = i18n.locale;
    let loaded = use_load(
        (),
        move |()| async move { api::units::tree(&api, DEPTH).await },
    );
    let open = use_state(Openness::default);
    // 流程规则 (issue 9 point 7): the system administrator's dialog.
    let admin = session
        .status
        .signed_in()
        .is_some_and(|s| s.user.kind == shared::AccountKind::SystemAdmin);
    let policy_open = use_state(|| false);
    let policy_saved = use_state(|| false);

    let toggle = {
        let open = open.clone();
        Callback::from(move |id: i64| {
            let mut next = (*open).clone();
            next.toggle(id);
            open.set(next);
        })
    };
    let set_all = |value: bool| {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| {
            let mut next = (*open).clone();
            next.set_all(value);
            open.set(next);
        })
    };
    let body = match &loaded.state {
        Load::Loading => html! {
            <p class="state-loading" role="status">{ i18n.t(Key::Loading) }</p>
        },
        Load::Failed(error) => load_error(&i18n, error, &loaded.reload),
        Load::Ready(root) => html! {
            <ul class="tree" data-testid="org-tree">
                { node_view(&i18n, root, 0, &open, &toggle) }
            </ul>
        },
    };
    html! {
        <section class="page" data-testid="page-org-tree">
            <div class="page-heading">
                <h1 class="page-title">{ Module::OrgStructure.name(locale) }</h1>
                <div class="page-actions">
                    <button type="button" class="button" data-testid="btn-expand-all" onclick={set_all(true)}>
                        { i18n.t(Key::TreeExpandAll) }
                    </button>
                    <button type="button" class="button" data-testid="btn-collapse-all" onclick={set_all(false)}>
                        { i18n.t(Key::TreeCollapseAll) }
                    </button>
                    <button type="button" class="button" data-testid="btn-refresh" onclick={loaded.reload.reform(|_: MouseEvent| ())}>
                        { i18n.t(Key::Refresh) }
                    </button>
                    if admin {
                        <button type="button" class="button" data-testid="btn-workflow-policy"
                            onclick={{ let (o, s) = (policy_open.clone(), policy_saved.clone()); move |_: MouseEvent| { s.set(false); o.set(true); } }}>
                            { i18n.t(Key::RvWorkflowPolicy) }
                        </button>
                    }
                </div>
            </div>
            <p class="muted page-intro">{ i18n.t(Key::TreeIntro) }</p>
            if *policy_saved {
                <div class="alert alert-success page-alert" role="status" data-testid="workflow-policy-saved">
                    { i18n.t(Key::RvWorkflowPolicySaved) }
                </div>
            }
            if *policy_open {
                <super::workflow_policy::WorkflowPolicyDialog
                    on_saved={{ let (o, s) = (policy_open.clone(), policy_saved.clone()); Callback::from(move |_| { o.set(false); s.set(true); }) }}
                    on_close={{ let o = policy_open.clone(); Callback::from(move |()| o.set(false)) }} />
            }
            <div class="panel">{ body }</div>
        </section>
    }
}

fn node_view(
    i18n: &I18n,
    node: &OrgNode,
    level: usize,
    open: &Openness,
    toggle: &Callback<i64>,
) -> Html {
    let unit = &node.unit;
    let id = unit.id;
    let has_content = !node.accounts.is_empty() || !node.children.is_empty();
    let is_open = has_content && open.is_open(id, level);
    let children_id = format!("tree-children-{id}");
    let counts = format!(
        "{} · {}",
        fill(i18n.t(Key::TreeAccounts), &node.accounts.len().to_string()),
        fill(i18n.t(Key::TreeSubunits), &node.children.len().to_string()),
    );
    let onclick = {
        let toggle = toggle.clone();
        Callback::from(move |_: MouseEvent| toggle.emit(id))
    };
    let head = if has_content {
        html! {
            <button
                type="button"
                class="tree-toggle"
                aria-expanded={is_open.to_string()}
                aria-controls={children_id.clone()}
                data-testid={format!("btn-toggle-{id}")}
                {onclick}
            >
                <span class={classes!("tree-caret", is_open.then_some("tree-caret-open"))} aria-hidden="true"></span>
                <span class="tree-name">{ &unit.name }</span>
            </button>
        }
    } else {
        html! {
            <span class="tree-toggle tree-leaf">
                <span class="tree-caret tree-caret-none" aria-hidden="true"></span>
                <span class="tree-name">{ &unit.name }</span>
            </span>
        }
    };
    html! {
        <li class="tree-node" key={id.to_string()} data-testid={format!("tree-node-{id}")}>
            <div class="tree-row">
                { head }
                <span class="tag tag-info">{ unit.kind.label(i18n.locale) }</span>
                <span class="tree-level">{ unit.level.label(i18n.locale) }</span>
                { status_tag(i18n.locale, Status::Enabled(unit.enabled), None) }
                <span class="tree-counts muted">{ counts }</span>
            </div>
            if is_open {
                <div class="tree-children" id={children_id}>
                    if !node.accounts.is_empty() {
                        { accounts_view(i18n, id, &node.accounts) }
                    }
                    if !node.children.is_empty() {
                        <ul class="tree">
                            { for node.children.iter().map(|child| node_view(i18n, child, level + 1, open, toggle)) }
                        </ul>
                    }
                </div>
            }
        </li>
    }
}

/// A unit's accounts: the account list's own columns, minus the unit and the actions.
fn accounts_view(i18n: &I18n, unit_id: i64, accounts: &[Account]) -> Html {
    let mut columns = who_columns(i18n.locale);
    columns.extend(state_columns(i18n.locale));
    html! {
        <div class="tree-accounts">
            { static_table(i18n.locale, &format!("tree-accounts-{unit_id}"), None, &columns, accounts) }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_top_starts_open_and_flips_and_all_reset_the_flips() {
        let mut open = Openness::default();
        assert!(open.is_open(1, 0));
        assert!(!open.is_open(2, 1));
        open.toggle(2);
        open.toggle(1);
        assert!(open.is_open(2, 1));
        assert!(!open.is_open(1, 0));
        open.toggle(2);
        assert!(!open.is_open(2, 1));
        open.set_all(true);
        assert!(open.is_open(9, 4));
        open.toggle(9);
        assert!(!open.is_open(9, 4));
        open.set_all(false);
        assert!(!open.is_open(1, 0) && !open.is_open(9, 4));
    }
}
