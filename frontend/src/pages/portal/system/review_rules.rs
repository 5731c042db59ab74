//! 评审会规则, for the system administrator: the committee rules that starting a session checks
//! (`/api/v1/session-rules`) and the thresholds of the committee vote (`/api/v1/vote-rules`),
//! each shown in words — the vote rules with their effect on an example committee, computed by
//! the tally's own `VoteRules::quorum` / `pass_mark` — and changed in a dialog.

use shared::sessions::SessionRules;
use shared::votes::VoteRules;
use shared::Locale;
use std::future::Future;
use yew::prelude::*;

use crate::api::{self, ApiError};
use crate::components::alert::{flash_view, Flash};
use crate::components::form::{enabled_options, parse_enabled, FormValues, SelectField};
use crate::components::table::load_error;
use crate::hooks::{use_api, use_api_load, use_load, Load};
use crate::i18n::{fill, fill_n, t, use_i18n, Key};
use crate::kit::dialog::{use_pending, FormDialog, Pending};
use crate::kit::fields::TextField;

/// The committee the example counts for (the least senior committee formed by series).
pub const EXAMPLE_COMMITTEE: u32 = 25;

/// `2/3`.
fn fraction(num: u32, den: u32) -> String {
    format!("{num}/{den}")
}

/// 出席委员不少于评委会委员总数的 2/3.
pub fn quorum_text(locale: Locale, r: &VoteRules) -> String {
    fill(
        t(locale, Key::RrQuorumRule),
        &fraction(r.quorum_num, r.quorum_den),
    )
}

/// 同意票不少于出席委员的 2/3.
pub fn pass_text(locale: Locale, r: &VoteRules) -> String {
    fill(
        t(locale, Key::RrPassRule),
        &fraction(r.pass_num, r.pass_den),
    )
}

/// The rules at work on a committee of `members`: its quorum, and the pass mark when exactly
/// the quorum attends.
pub fn example_text(locale: Locale, r: &VoteRules, members: u32) -> String {
    let quorum = r.quorum(members);
    fill_n(
        t(locale, Key::RrExampleText),
        &[
            &members.to_string(),
            &quorum.to_string(),
            &quorum.to_string(),
            &r.pass_mark(quorum).to_string(),
        ],
    )
}

/// The session rules in words.
pub fn session_rules_text(locale: Locale, r: &SessionRules) -> String {
    if r.senior_size_rules {
        fill_n(
            t(locale, Key::RrSessionRulesOn),
            &[
                &r.senior_by_series_min.to_string(),
                &r.senior_by_specialty_min.to_string(),
            ],
        )
    } else {
        t(locale, Key::RrSessionRulesOff).to_owned()
    }
}

/// The vote rules from the form's texts, or the first field that is not a whole number ≥ 0.
/// Bounds are left to the API, whose message names the field and its bounds.
pub fn vote_rules_from(text: impl Fn(&str) -> String) -> Result<VoteRules, &'static str> {
    let n = |name: &'static str| text(name).trim().parse::<u32>().map_err(|_| name);
    Ok(VoteRules {
        quorum_num: n("quorum_num")?,
        quorum_den: n("quorum_den")?,
        pass_num: n("pass_num")?,
        pass_den: n("pass_den")?,
    })
}

/// The session rules from the form's texts, or the first field that does not parse.
pub fn session_rules_from(text: impl Fn(&str) -> String) -> Result<SessionRules, &'static str> {
    let n = |name: &'static str| text(name).trim().parse::<i32>().map_err(|_| name);
    Ok(SessionRules {
        senior_size_rules: parse_enabled(&text("senior_size_rules")).ok_or("senior_size_rules")?,
        senior_by_series_min: n("senior_by_series_min")?,
        senior_by_specialty_min: n("senior_by_specialty_min")?,
    })
}

#[derive(Clone, PartialEq)]
enum Dialog {
    None,
    Session(SessionRules),
    Vote(VoteRules),
}

/// The page. Only the system administrator's menu links to it; anyone else who opens it reads
/// the API's refusal in each panel.
#[component]
pub fn ReviewRulesPage() -> Html {
    let i18n = use_i18n();
    let api = use_api();
    let locale = i18n.locale;
    let session_rules = use_api_load((), move |api, ()| async move {
        api::sessions::rules(&api).await
    });
    let vote_rules = use_load((), move |()| async move { api::votes::rules(&api).await });
    let dialog = use_state(|| Dialog::None);
    let flash = use_state(|| None::<Flash>);
    let close = {
        let dialog = dialog.clone();
        Callback::from(move |()| dialog.set(Dialog::None))
    };
    // Saved: close, say so, and read the rules again from the server.
    let saved = |reload: Callback<()>, message: Key| {
        let (dialog, flash) = (dialog.clone(), flash.clone());
        Callback::from(move |()| {
            dialog.set(Dialog::None);
            flash.set(Some(Flash::Success(t(locale, message).to_owned())));
            reload.emit(());
        })
    };
    let edit = |to: Dialog| {
        let (dialog, flash) = (dialog.clone(), flash.clone());
        Callback::from(move |_: MouseEvent| {
            flash.set(None);
            dialog.set(to.clone());
        })
    };
    let session_panel = match &session_rules.state {
        Load::Loading => loading(locale),
        Load::Failed(error) => load_error(&i18n, error, &session_rules.reload),
        Load::Ready(r) => html! {
            <>
                <dl class="facts">
                    <dt>{ i18n.t(Key::RrSeniorSize) }</dt>
                    <dd data-testid="session-rules-text">{ session_rules_text(locale, r) }</dd>
                </dl>
                <div class="form-actions">
                    <button type="button" class="button" data-testid="btn-edit-session-rules"
                        onclick={edit(Dialog::Session(**r))}>
                        { i18n.t(Key::RrChange) }
                    </button>
                </div>
            </>
        },
    };
    let vote_panel = match &vote_rules.state {
        Load::Loading => loading(locale),
        Load::Failed(error) => load_error(&i18n, error, &vote_rules.reload),
        Load::Ready(r) => html! {
            <>
                <dl class="facts">
                    <dt>{ i18n.t(Key::RrQuorum) }</dt>
                    <dd data-testid="vote-rules-quorum">{ quorum_text(locale, r) }</dd>
                    <dt>{ i18n.t(Key::RrPass) }</dt>
                    <dd data-testid="vote-rules-pass">{ pass_text(locale, r) }</dd>
                    <dt>{ i18n.t(Key::RrExample) }</dt>
                    <dd data-testid="vote-rules-example">{ example_text(locale, r, EXAMPLE_COMMITTEE) }</dd>
                </dl>
                <div class="form-actions">
                    <button type="button" class="button" data-testid="btn-edit-vote-rules"
                        onclick={edit(Dialog::Vote(**r))}>
                        { i18n.t(Key::RrChange) }
                    </button>
                </div>
            </>
        },
    };
    let open_dialog = match &*dialog {
        Dialog::None => Html::default(),
        Dialog::Session(r) => html! {
            <SessionRulesDialog rules={*r} on_close={close.clone()}
                on_saved={saved(session_rules.reload.clone(), Key::RrSessionRulesSaved)} />
        },
        Dialog::Vote(r) => html! {
            <VoteRulesDialog rules={*r} on_close={close.clone()}
                on_saved={saved(vote_rules.reload.clone(), Key::RrVoteRulesSaved)} />
        },
    };
    html! {
        <section class="page" data-testid="page-review-rules">
            <div class="page-heading">
                <h1 class="page-title">{ i18n.t(Key::NavReviewRules) }</h1>
            </div>
            <p class="muted page-intro">{ i18n.t(Key::RrIntro) }</p>
            { flash_view(flash.as_ref()) }
            <section class="panel" data-testid="session-rules" aria-labelledby="session-rules-title">
                <h2 class="panel-title" id="session-rules-title">{ i18n.t(Key::RrSessionRules) }</h2>
                { session_panel }
            </section>
            <section class="panel" data-testid="vote-rules" aria-labelledby="vote-rules-title">
                <h2 class="panel-title" id="vote-rules-title">{ i18n.t(Key::RrVoteRules) }</h2>
                { vote_panel }
            </section>
            { open_dialog }
        </section>
    }
}

fn loading(locale: Locale) -> Html {
    html! { <p class="state-loading" role="status">{ t(locale, Key::Loading) }</p> }
}

/// Props of the two dialogs.
#[derive(Properties, PartialEq)]
struct RulesDialogProps<T: PartialEq> {
    /// The rules in force (the form starts from them).
    rules: T,
    /// Saved.
    on_saved: Callback<()>,
    /// Closed.
    on_close: Callback<()>,
}

/// Reads a dialog's rules from its form, or names the field that does not parse.
type ReadForm<T> = fn(&FormValues) -> Result<T, &'static str>;

/// A dialog's submission: the rules read from its form (a field that is not a whole number is
/// named at the field, nothing is sent), then `save`; `on_saved` once the server took them,
/// its refusal shown at the field it names.
fn submission<T, Fut>(
    pending: &Pending,
    locale: Locale,
    read: ReadForm<T>,
    save: impl Fn(T) -> Fut + 'static,
    on_saved: Callback<()>,
) -> Callback<FormValues>
where
    T: 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let pending = pending.clone();
    Callback::from(move |form: FormValues| match read(&form) {
        Ok(rules) => {
            let on_saved = on_saved.clone();
            pending.run(save(rules), move |_| on_saved.emit(()));
        }
        Err(field) => pending.fail_at(field, t(locale, Key::PolicyNotNumber)),
    })
}

/// `dialog-session-rules`: the switch and the two minimums.
#[component]
fn SessionRulesDialog(props: &RulesDialogProps<SessionRules>) -> Html {
    let i18n = use_i18n();
    let api = use_api();
    let locale = i18n.locale;
    let pending = use_pending();
    let save = move |rules: SessionRules| {
        let api = api.clone();
        async move { api::sessions::save_rules(&api, &rules).await }
    };
    let on_submit = submission(
        &pending,
        locale,
        |form| session_rules_from(|name| form.text(name)),
        save,
        props.on_saved.clone(),
    );
    let r = &props.rules;
    let range = fill_n(i18n.t(Key::PolicyRange), &["1", "999"]);
    html! {
        <FormDialog title={i18n.t(Key::RrSessionRules)} name="session-rules" submit_label={i18n.t(Key::Save)}
            {pending} {on_submit} on_close={props.on_close.clone()}>
            <SelectField name="senior_size_rules" label={i18n.t(Key::RrSeniorSizeRules)}
                options={enabled_options(&i18n)} selected={r.senior_size_rules.to_string()} required=true />
            <div class="form-grid">
                <TextField name="senior_by_series_min" label={i18n.t(Key::RrSeriesMin)} input_type="number"
                    required=true value={r.senior_by_series_min.to_string()} hint={range.clone()} />
                <TextField name="senior_by_specialty_min" label={i18n.t(Key::RrSpecialtyMin)} input_type="number"
                    required=true value={r.senior_by_specialty_min.to_string()} hint={range} />
            </div>
        </FormDialog>
    }
}

/// `dialog-vote-rules`: the two fractions, numerator beside denominator.
#[component]
fn VoteRulesDialog(props: &RulesDialogProps<VoteRules>) -> Html {
    let i18n = use_i18n();
    let api = use_api();
    let locale = i18n.locale;
    let pending = use_pending();
    let save = move |rules: VoteRules| {
        let api = api.clone();
        async move { api::votes::save_rules(&api, &rules).await }
    };
    let on_submit = submission(
        &pending,
        locale,
        |form| vote_rules_from(|name| form.text(name)),
        save,
        props.on_saved.clone(),
    );
    let r = &props.rules;
    let field = |name: &'static str, label: Key, value: u32| {
        html! {
            <TextField {name} label={i18n.t(label)} input_type="number" required=true value={value.to_string()} />
        }
    };
    html! {
        <FormDialog title={i18n.t(Key::RrVoteRules)} name="vote-rules" submit_label={i18n.t(Key::Save)}
            {pending} {on_submit} on_close={props.on_close.clone()}>
            <p class="muted">{ fill(i18n.t(Key::RrFractionHint), &VoteRules::MAX_DEN.to_string()) }</p>
            <div class="form-grid">
                { field("quorum_num", Key::RrQuorumNum, r.quorum_num) }
                { field("quorum_den", Key::RrQuorumDen, r.quorum_den) }
                { field("pass_num", Key::RrPassNum, r.pass_num) }
                { field("pass_den", Key::RrPassDen, r.pass_den) }
            </div>
        </FormDialog>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(quorum_num: u32, quorum_den: u32, pass_num: u32, pass_den: u32) -> VoteRules {
        VoteRules {
            quorum_num,
            quorum_den,
            pass_num,
            pass_den,
        }
    }

    #[test]
    fn the_vote_rules_read_in_words_with_their_effect_on_25_members() {
        let r = VoteRules::default();
        assert_eq!(
            quorum_text(Locale::ZhCn, &r),
            "出席委员不少于评委会委员总数的 2/3"
        );
        assert_eq!(pass_text(Locale::ZhCn, &r), "同意票不少于出席委员的 2/3");
        assert_eq!(
            example_text(Locale::ZhCn, &r, EXAMPLE_COMMITTEE),
            "以 25 名委员的评委会为例：至少 17 名委员出席，会议方为有效；17 名委员出席时，同意票达到 12 票方为通过。"
        );
        assert_eq!(
            pass_text(Locale::En, &rules(2, 3, 3, 4)),
            "Agree votes are at least 3/4 of the members attending"
        );
        // 3/4 of 25 is 18.75 → 19 attend; 1/2 of 19 is 9.5 → 10 agree.
        assert_eq!(
            example_text(Locale::En, &rules(3, 4, 1, 2), 25),
            "A committee of 25 members: the meeting is valid with at least 19 attending; with 19 attending, an applicant passes with 10 agree votes."
        );
    }

    #[test]
    fn the_session_rules_read_in_words() {
        let r = SessionRules::default();
        assert_eq!(
            session_rules_text(Locale::ZhCn, &r),
            "按系列组建的高级评委会委员不少于 25 名，按专业组建的不少于 11 名"
        );
        let off = SessionRules {
            senior_size_rules: false,
            ..r
        };
        assert_eq!(
            session_rules_text(Locale::ZhCn, &off),
            "不检查高级评委会的委员人数"
        );
    }

    #[test]
    fn the_forms_read_back_into_the_rules_or_name_the_bad_field() {
        let text = |values: [(&'static str, &'static str); 4]| {
            move |name: &str| {
                values
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| (*v).to_owned())
                    .unwrap_or_default()
            }
        };
        assert_eq!(
            vote_rules_from(text([
                ("quorum_num", " 3 "),
                ("quorum_den", "4"),
                ("pass_num", "1"),
                ("pass_den", "2"),
            ])),
            Ok(rules(3, 4, 1, 2))
        );
        // Out of bounds is the API's to refuse (it names the bounds); not a number is ours.
        assert_eq!(
            vote_rules_from(text([
                ("quorum_num", "2"),
                ("quorum_den", "0"),
                ("pass_num", "4"),
                ("pass_den", "3"),
            ])),
            Ok(rules(2, 0, 4, 3))
        );
        assert_eq!(
            vote_rules_from(text([
                ("quorum_num", "2"),
                ("quorum_den", "3"),
                ("pass_num", "-1"),
                ("pass_den", ""),
            ])),
            Err("pass_num")
        );
        let session = |on: &'static str, series: &'static str| {
            move |name: &str| {
                match name {
                    "senior_size_rules" => on,
                    "senior_by_series_min" => series,
                    _ => "11",
                }
                .to_owned()
            }
        };
        assert_eq!(
            session_rules_from(session("false", "30")),
            Ok(SessionRules {
                senior_size_rules: false,
                senior_by_series_min: 30,
                senior_by_specialty_min: 11,
            })
        );
        assert_eq!(
            session_rules_from(session("true", "x")),
            Err("senior_by_series_min")
        );
        assert_eq!(
            session_rules_from(session("", "25")),
            Err("senior_size_rules")
        );
    }
}
