//! The pre-entry fields (专家预入库信息), shared by pre-entry, recommendations and 编辑: the
//! committee, the person, the employer (a unit of the tree) and the term (at most three
//! years). Editing a person shows the ID number and gender as they are (they cannot change) and
//! neither committee nor term (those belong to each pool).

use shared::application::{Gender, Level, Series};
use shared::expert_pool::{ExpertEdit, ExpertEntry, ExpertSummary};
use yew::prelude::*;

use crate::api;
use crate::components::form::{enum_options, FormValues};
use crate::hooks::{use_api, use_load, Load};
use crate::i18n::{use_i18n, Key};
use crate::kit::fields::{read_only, SelectField, TextField};
use crate::pages::title::review::publicity_rules::{split_list, validity_ok};

/// The fields a pre-entry and an edit have in common.
struct Person {
    name: String,
    employer_id: i64,
    title: String,
    title_level: Level,
    series: Series,
    specialties: Vec<String>,
    phone: String,
    email: String,
}

fn person_from(form: &FormValues) -> Result<Person, Key> {
    let p = Person {
        name: form.text("name"),
        employer_id: form
            .text("employer_id")
            .parse::<i64>()
            .map_err(|_| Key::FieldsRequired)?,
        title: form.text("title"),
        title_level: Level::parse(&form.text("title_level")).ok_or(Key::FieldsRequired)?,
        series: Series::parse(&form.text("series")).ok_or(Key::FieldsRequired)?,
        specialties: split_list(&form.text("specialties")),
        phone: form.text("phone"),
        email: form.text("email"),
    };
    if p.name.is_empty() || p.title.is_empty() || p.phone.is_empty() {
        return Err(Key::FieldsRequired);
    }
    if p.specialties.is_empty() {
        return Err(Key::ExpSpecialtiesRequired);
    }
    Ok(p)
}

/// The entry the form holds, or the key of what is missing.
pub fn entry_from(form: &FormValues) -> Result<(i64, ExpertEntry), Key> {
    let committee = form
        .text("committee_id")
        .parse::<i64>()
        .map_err(|_| Key::FieldsRequired)?;
    let id_number = form.text("id_number");
    let gender = Gender::parse(&form.text("gender")).ok_or(Key::FieldsRequired)?;
    if id_number.is_empty() {
        return Err(Key::FieldsRequired);
    }
    let p = person_from(form)?;
    let e = ExpertEntry {
        name: p.name,
        id_number,
        gender,
        employer_id: p.employer_id,
        title: p.title,
        title_level: p.title_level,
        series: p.series,
        specialties: p.specialties,
        phone: p.phone,
        email: p.email,
        term_start: form.text("term_start"),
        term_end: form.text("term_end"),
    };
    if !validity_ok(&e.term_start, &e.term_end) {
        return Err(Key::ExpTermTooLong);
    }
    Ok((committee, e))
}

/// The edit the form of [`EntryFields`] with an `expert` holds, sent with the person's
/// `version` as read; or the key of what is missing.
pub fn edit_from(form: &FormValues, version: i64) -> Result<ExpertEdit, Key> {
    let p = person_from(form)?;
    Ok(ExpertEdit {
        name: p.name,
        employer_id: p.employer_id,
        title: p.title,
        title_level: p.title_level,
        series: p.series,
        specialties: p.specialties,
        phone: p.phone,
        email: p.email,
        version,
    })
}

/// Props of [`CommitteeField`].
#[derive(Properties, PartialEq)]
pub struct CommitteeFieldProps {
    /// Id and `data-testid` of the select.
    pub testid: AttrValue,
    /// Called with the chosen committee's id (empty when none).
    #[prop_or_default]
    pub onchange: Option<Callback<String>>,
    /// The committees the caller's unit may recommend to (its own, those above and below it)
    /// instead of those it sees.
    #[prop_or_default]
    pub recommend: bool,
}

/// The committee whose pool it is (`committee_id`), among those the caller sees (or may
/// recommend to).
#[component]
pub fn CommitteeField(props: &CommitteeFieldProps) -> Html {
    let i18n = use_i18n();
    let api = use_api();
    let committees = use_load(props.recommend, move |recommend| async move {
        if recommend {
            api::committees::recommendable(&api).await
        } else {
            api::committees::committees(&api).await
        }
    });
    let options: Vec<(String, String)> = match &committees.state {
        Load::Ready(page) => page
            .items
            .iter()
            .map(|c| (c.id.to_string(), c.name.clone()))
            .collect(),
        _ => Vec::new(),
    };
    html! {
        <SelectField name="committee_id" testid={props.testid.clone()} label={i18n.t(Key::ExpCommittee)} required=true
            empty={i18n.t(Key::SelectPlaceholder)} {options} onchange={props.onchange.clone()} />
    }
}

/// Props of [`EntryFields`].
#[derive(Properties, PartialEq)]
pub struct EntryFieldsProps {
    /// The person edited (the form is prefilled with their fields); none for a new entry.
    #[prop_or_default]
    pub expert: Option<ExpertSummary>,
    /// A recommendation: the committees offered are those the caller's unit may recommend to.
    #[prop_or_default]
    pub recommend: bool,
}

/// The fields of [`entry_from`], or of [`edit_from`] when editing `expert`.
#[component]
pub fn EntryFields(props: &EntryFieldsProps) -> Html {
    let i18n = use_i18n();
    let api = use_api();
    let locale = i18n.locale;
    let units = use_load((), move |()| async move { api::units::all(&api).await });
    let unit_options: Vec<(String, String)> = match &units.state {
        Load::Ready(list) => list
            .iter()
            .map(|u| (u.id.to_string(), u.name.clone()))
            .collect(),
        _ => Vec::new(),
    };
    let e = props.expert.as_ref();
    let text = |f: fn(&ExpertSummary) -> &str| AttrValue::from(e.map(f).unwrap_or("").to_owned());
    let employer = AttrValue::from(e.map(|e| e.employer.id.to_string()).unwrap_or_default());
    let level = AttrValue::from(e.map_or("", |e| e.title_level.as_str()));
    let series = AttrValue::from(e.map_or("", |e| e.series.as_str()));
    let specialties = AttrValue::from(e.map(|e| e.specialties.join("、")).unwrap_or_default());
    html! { <>
        <div class="form-grid">
            if let Some(e) = e {
                { read_only(i18n.t(Key::ExpIdNumber), &e.id_number, "entry-id") }
                { read_only(i18n.t(Key::ExpGender), e.gender.label(locale), "entry-gender") }
            } else {
                <CommitteeField testid="entry-committee" recommend={props.recommend} />
            }
            <SelectField name="employer_id" testid="entry-employer" label={i18n.t(Key::ExpEmployer)} required=true
                empty={i18n.t(Key::SelectPlaceholder)} options={unit_options} selected={employer} />
            <TextField name="name" testid="entry-name" label={i18n.t(Key::ExpName)} required=true maxlength={50}
                value={text(|e| &e.name)} />
            if e.is_none() {
                <TextField name="id_number" testid="entry-id" label={i18n.t(Key::ExpIdNumber)} required=true maxlength={18} />
                <SelectField name="gender" testid="entry-gender" label={i18n.t(Key::ExpGender)} required=true
                    empty={i18n.t(Key::SelectPlaceholder)} options={enum_options(Gender::ALL, Gender::as_str, |g| g.label(locale))} />
            }
            <TextField name="title" testid="entry-title" label={i18n.t(Key::ExpTitle)} required=true maxlength={50}
                value={text(|e| &e.title)} />
            <SelectField name="title_level" testid="entry-level" label={i18n.t(Key::WfLevel)} required=true
                empty={i18n.t(Key::SelectPlaceholder)} options={enum_options(Level::ALL, Level::as_str, |l| l.label(locale))}
                selected={level} />
            <SelectField name="series" testid="entry-series" label={i18n.t(Key::WfSeries)} required=true
                empty={i18n.t(Key::SelectPlaceholder)} options={enum_options(Series::ALL, Series::as_str, |s| s.label(locale))}
                selected={series} />
            <TextField name="phone" testid="entry-phone" label={i18n.t(Key::ExpPhone)} required=true maxlength={20}
                value={text(|e| &e.phone)} />
            <TextField name="email" testid="entry-email" label={i18n.t(Key::ExpEmail)} maxlength={100}
                value={text(|e| &e.email)} />
            if e.is_none() {
                <TextField name="term_start" testid="entry-term-start" label={i18n.t(Key::ExpTermStart)} input_type="date" required=true />
                <TextField name="term_end" testid="entry-term-end" label={i18n.t(Key::ExpTermEnd)} input_type="date" required=true
                    hint={i18n.t(Key::ExpTermRule)} />
            }
        </div>
        <TextField name="specialties" testid="entry-specialties" label={i18n.t(Key::ExpSpecialties)} required=true
            hint={i18n.t(Key::ExpSpecialtiesHint)} value={specialties} />
    </> }
}
