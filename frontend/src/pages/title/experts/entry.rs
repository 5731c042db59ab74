//! The pre-entry fields (专家预入库信息), shared by pre-entry and recommendations: the committee,
//! the person, the employer (a unit of the tree) and the term (at most three years).

use shared::application::{Gender, Level, Series};
use shared::expert_pool::ExpertEntry;
use yew::prelude::*;

use crate::api;
use crate::components::form::{enum_options, FormValues};
use crate::hooks::{use_load, Load};
use crate::i18n::{use_i18n, Key};
use crate::kit::fields::{SelectField, TextField};
use crate::pages::title::review::publicity_rules::{split_list, validity_ok};
use crate::state::session::use_session;

/// The entry the form holds, or the key of what is missing.
pub fn entry_from(form: &FormValues) -> Result<(i64, ExpertEntry), Key> {
    let committee = form
        .text("committee_id")
        .parse::<i64>()
        .map_err(|_| Key::FieldsRequired)?;
    let employer_id = form
        .text("employer_id")
        .parse::<i64>()
        .map_err(|_| Key::FieldsRequired)?;
    let e = ExpertEntry {
        name: form.text("name"),
        id_number: form.text("id_number"),
        gender: Gender::parse(&form.text("gender")).ok_or(Key::FieldsRequired)?,
        employer_id,
        title: form.text("title"),
        title_level: Level::parse(&form.text("title_level")).ok_or(Key::FieldsRequired)?,
        series: Series::parse(&form.text("series")).ok_or(Key::FieldsRequired)?,
        specialties: split_list(&form.text("specialties")),
        phone: form.text("phone"),
        email: form.text("email"),
        term_start: form.text("term_start"),
        term_end: form.text("term_end"),
    };
    if e.name.is_empty() || e.id_number.is_empty() || e.title.is_empty() || e.phone.is_empty() {
        return Err(Key::FieldsRequired);
    }
    if e.specialties.is_empty() {
        return Err(Key::ExpSpecialtiesRequired);
    }
    if !validity_ok(&e.term_start, &e.term_end) {
        return Err(Key::ExpTermTooLong);
    }
    Ok((committee, e))
}

/// The fields of [`entry_from`].
#[component]
pub fn EntryFields() -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let locale = i18n.locale;
    let store = session.store.clone();
    let committees = use_load((), move |()| async move {
        api::committees::committees(&store, locale).await
    });
    let store = session.store.clone();
    let units = use_load((), move |()| async move {
        api::units::all(&store, locale).await
    });
    let committee_options: Vec<(String, String)> = match &committees.state {
        Load::Ready(page) => page
            .items
            .iter()
            .map(|c| (c.id.to_string(), c.name.clone()))
            .collect(),
        _ => Vec::new(),
    };
    let unit_options: Vec<(String, String)> = match &units.state {
        Load::Ready(list) => list
            .iter()
            .map(|u| (u.id.to_string(), u.name.clone()))
            .collect(),
        _ => Vec::new(),
    };
    html! { <>
        <div class="form-grid">
            <SelectField name="committee_id" testid="entry-committee" label={i18n.t(Key::ExpCommittee)} required=true
                empty={i18n.t(Key::SelectPlaceholder)} options={committee_options} />
            <SelectField name="employer_id" testid="entry-employer" label={i18n.t(Key::ExpEmployer)} required=true
                empty={i18n.t(Key::SelectPlaceholder)} options={unit_options} />
            <TextField name="name" testid="entry-name" label={i18n.t(Key::ExpName)} required=true maxlength={50} />
            <TextField name="id_number" testid="entry-id" label={i18n.t(Key::ExpIdNumber)} required=true maxlength={18} />
            <SelectField name="gender" testid="entry-gender" label={i18n.t(Key::ExpGender)} required=true
                empty={i18n.t(Key::SelectPlaceholder)} options={enum_options(Gender::ALL, Gender::as_str, |g| g.label(locale))} />
            <TextField name="title" testid="entry-title" label={i18n.t(Key::ExpTitle)} required=true maxlength={50} />
            <SelectField name="title_level" testid="entry-level" label={i18n.t(Key::WfLevel)} required=true
                empty={i18n.t(Key::SelectPlaceholder)} options={enum_options(Level::ALL, Level::as_str, |l| l.label(locale))} />
            <SelectField name="series" testid="entry-series" label={i18n.t(Key::WfSeries)} required=true
                empty={i18n.t(Key::SelectPlaceholder)} options={enum_options(Series::ALL, Series::as_str, |s| s.label(locale))} />
            <TextField name="phone" testid="entry-phone" label={i18n.t(Key::ExpPhone)} required=true maxlength={20} />
            <TextField name="email" testid="entry-email" label={i18n.t(Key::ExpEmail)} maxlength={100} />
            <TextField name="term_start" testid="entry-term-start" label={i18n.t(Key::ExpTermStart)} input_type="date" required=true />
            <TextField name="term_end" testid="entry-term-end" label={i18n.t(Key::ExpTermEnd)} input_type="date" required=true
                hint={i18n.t(Key::ExpTermRule)} />
        </div>
        <TextField name="specialties" testid="entry-specialties" label={i18n.t(Key::ExpSpecialties)} required=true
            hint={i18n.t(Key::ExpSpecialtiesHint)} />
    </> }
}
