//! 专家个人信息 (`title.experts.profile`, manual §6.5.2): the signed-in expert completes the
//! profile — education, field of work, availability, contact and the declared conflicts of
//! interest; the first save makes every invited membership active. An expert whose profile is
//! incomplete is sent here after signing in (see the home page).

use shared::expert_pool::{ConflictInput, ExpertDetail, ProfileInput};
use shared::experts::ConflictKind;
use yew::prelude::*;

use super::pool::pool_tag;
use super::unit_conflicts::{unit_conflicts, Declared, UnitConflicts};
use crate::api;
use crate::components::alert::{flash_view, Flash};
use crate::components::form::FormValues;
use crate::hooks::{use_api, use_api_load, Load};
use crate::i18n::{t, use_i18n, Key};
use crate::kit::dialog::use_pending;
use crate::kit::fields::{TextArea, TextField};

/// Person conflicts as lines `姓名,身份证号,原因` (comma or full-width comma).
pub fn parse_people(text: &str) -> Vec<ConflictInput> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|line| {
            let parts: Vec<&str> = line.split([',', '，']).map(str::trim).collect();
            ConflictInput {
                kind: ConflictKind::Person,
                unit_id: None,
                person_name: parts.first().copied().unwrap_or_default().to_owned(),
                person_id_number: parts.get(1).map(|s| (*s).to_owned()),
                reason: parts.get(2).copied().unwrap_or_default().to_owned(),
            }
        })
        .collect()
}

fn people_text(d: &ExpertDetail) -> String {
    d.conflicts
        .iter()
        .filter(|c| c.kind == ConflictKind::Person)
        .map(|c| {
            format!(
                "{},{},{}",
                c.person_name,
                c.person_id_number.clone().unwrap_or_default(),
                c.reason
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The expert's own profile.
#[component]
pub fn Profile() -> Html {
    let i18n = use_i18n();
    let api = use_api();
    let locale = i18n.locale;
    let loaded = use_api_load((), move |api, ()| async move {
        api::experts::my_profile(&api).await
    });
    let pending = use_pending();
    let flash = use_state(|| None::<Flash>);
    let detail = match &loaded.state {
        Load::Ready(d) => (**d).clone(),
        Load::Failed(e) => {
            let message = e.message(locale);
            return html! { <section class="page"><p class="alert alert-error" role="alert">{ message }</p></section> };
        }
        Load::Loading => {
            return html! { <section class="page"><p class="muted">{ i18n.t(Key::Loading) }</p></section> }
        }
    };
    let onsubmit = {
        let (pending, api, flash, reload) = (
            pending.clone(),
            api.clone(),
            flash.clone(),
            loaded.reload.clone(),
        );
        let version = detail.expert.version;
        Callback::from(move |e: SubmitEvent| {
            let Some(form) = FormValues::from_submit(&e) else {
                return;
            };
            let mut conflicts = unit_conflicts(&form);
            conflicts.extend(parse_people(&form.text("people")));
            let request = ProfileInput {
                education: form.text("education"),
                field_of_work: form.text("field_of_work"),
                availability: form.text("availability"),
                phone: form.text("phone"),
                email: form.text("email"),
                conflicts,
                version,
            };
            if request.education.is_empty()
                || request.field_of_work.is_empty()
                || request.availability.is_empty()
            {
                return pending.fail(t(locale, Key::FieldsRequired));
            }
            let (api, flash, reload) = (api.clone(), flash.clone(), reload.clone());
            pending.run(
                async move { api::experts::save_profile(&api, &request).await },
                move |_| {
                    flash.set(Some(Flash::Success(
                        t(locale, Key::ExpProfileSaved).to_owned(),
                    )));
                    reload.emit(());
                },
            );
        })
    };
    let e = &detail.expert;
    let declared: Vec<Declared> = detail
        .conflicts
        .iter()
        .filter(|c| c.kind == ConflictKind::Unit)
        .filter_map(|c| {
            c.unit.as_ref().map(|u| Declared {
                id: u.id,
                name: u.name.clone(),
                reason: c.reason.clone(),
            })
        })
        .collect();
    html! {
        <section class="page" data-testid="expert-profile">
            <h1>{ i18n.t(Key::ExpProfileTitle) }</h1>
            if !e.profile_completed {
                <p class="alert alert-warning" data-testid="profile-incomplete">{ i18n.t(Key::ExpProfileIntro) }</p>
            }
            { flash_view(flash.as_ref()) }
            <dl class="facts">
                <dt>{ i18n.t(Key::ExpName) }</dt><dd>{ &e.name }</dd>
                <dt>{ i18n.t(Key::ExpIdNumber) }</dt><dd>{ &e.id_number }</dd>
                <dt>{ i18n.t(Key::ExpEmployer) }</dt><dd>{ &e.employer.name }</dd>
                <dt>{ i18n.t(Key::ExpTitle) }</dt><dd>{ format!("{} · {} · {}", e.title, e.title_level.label(locale), e.series.label(locale)) }</dd>
                <dt>{ i18n.t(Key::ExpSpecialties) }</dt><dd>{ e.specialties.join("、") }</dd>
                <dt>{ i18n.t(Key::ExpMemberships) }</dt>
                <dd>{ for detail.memberships.iter().map(|m| html! {
                    <div data-testid={format!("membership-{}", m.id)} data-status={m.status.as_str()}>
                        { &m.committee.name }{ " " }{ pool_tag(m.status, locale) }
                        <span class="muted">{ format!(" {} ~ {}", m.term_start, m.term_end) }</span>
                    </div>
                }) }</dd>
                if detail.conflicts.iter().any(|c| c.kind == ConflictKind::Unit) {
                    <dt>{ i18n.t(Key::ExpUnitConflicts) }</dt>
                    <dd>{ detail.conflicts.iter().filter_map(|c| c.unit.as_ref().map(|u| u.name.clone())).collect::<Vec<_>>().join("、") }</dd>
                }
            </dl>
            <form class="form" {onsubmit} data-testid="profile-form">
                if let Some(message) = pending.error.message.clone() {
                    <p class="alert alert-error" role="alert" data-testid="form-error">{ message }</p>
                }
                <div class="form-grid">
                    <TextField name="education" testid="profile-education" label={i18n.t(Key::ExpEducation)} required=true maxlength={200} value={detail.education.clone()} />
                    <TextField name="availability" testid="profile-availability" label={i18n.t(Key::ExpAvailability)} required=true maxlength={200} value={detail.availability.clone()} />
                    <TextField name="phone" testid="profile-phone" label={i18n.t(Key::ExpPhone)} required=true maxlength={20} value={e.phone.clone()} />
                    <TextField name="email" testid="profile-email" label={i18n.t(Key::ExpEmail)} maxlength={100} value={e.email.clone()} />
                </div>
                <TextArea name="field_of_work" testid="profile-field" label={i18n.t(Key::ExpFieldOfWork)} required=true maxlength={500} value={detail.field_of_work.clone()} />
                <UnitConflicts key={e.version} initial={declared} />
                <TextArea name="people" testid="profile-people" label={i18n.t(Key::ExpPersonConflicts)} hint={i18n.t(Key::ExpPersonConflictsHint)} value={people_text(&detail)} />
                <div class="form-actions">
                    <button type="submit" class="button button-primary" data-testid="profile-save" disabled={*pending.busy}>
                        { i18n.t(Key::ExpSaveProfile) }
                    </button>
                </div>
            </form>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn person_lines_read_name_id_and_reason() {
        let list = parse_people("张三, 520102197001011234 ，亲属\n\n李四,5201");
        assert_eq!(list.len(), 2);
        assert_eq!(list[0].person_name, "张三");
        assert_eq!(
            list[0].person_id_number.as_deref(),
            Some("520102197001011234")
        );
        assert_eq!(list[0].reason, "亲属");
        assert_eq!(list[1].reason, "");
    }
}
