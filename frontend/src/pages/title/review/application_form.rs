//! The application editor (新建申报 / 编辑申报): every field of `ApplicationInput`, checked here
//! as the server checks it (the server stays the authority and its messages are shown next to
//! the field), the return opinion when the application came back, and its attachments.

use std::collections::BTreeMap;
use std::rc::Rc;

use shared::application::{
    suggested_qualification, Application, ApplicationInput, DeclarationType, Education, Gender,
    Level, Series,
};
use shared::workflow::Stage;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::platform::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

use super::application_detail::applicant_may_edit;
use super::attachments::Attachments;
use super::workflow_rules::{check_input, from_id_number};
use crate::api;
use crate::components::alert::{flash_view, Flash};
use crate::components::table::load_error;
use crate::hooks::{use_api, use_load, Load};
use crate::i18n::{t, use_i18n, I18n, Key};
use crate::kit::fields::RequiredMark;
use crate::kit::tags::{status_tag, Status};
use crate::routes::Route;
use crate::state::session::use_session;

/// Location state after a new draft was saved (the editor reopens on it).
#[derive(Debug, Clone, PartialEq)]
pub struct Saved;

/// The applicant a unit starts a new draft for (由单位发起, `POST …/for-applicant`).
#[derive(Debug, Clone, PartialEq)]
pub struct ForApplicant {
    /// The applicant account.
    pub id: i64,
    /// Its holder's name.
    pub name: String,
    /// Its holder's ID number.
    pub id_number: String,
}

/// Props of [`ApplicationForm`].
#[derive(Properties, PartialEq)]
pub struct ApplicationFormProps {
    /// The application to edit; a new draft when `None`.
    pub id: Option<i64>,
    /// A new draft the unit starts for this applicant; the signed-in applicant's own when
    /// `None`.
    #[prop_or_default]
    pub for_applicant: Option<ForApplicant>,
}

/// The editor page.
#[component]
pub fn ApplicationForm(props: &ApplicationFormProps) -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let api = use_api();
    let loaded = use_load(props.id, move |id| async move {
        match id {
            Some(id) => api::applications::get(&api, id).await.map(Some),
            None => Ok(None),
        }
    });
    let Some(me) = session.status.signed_in().map(|s| s.user.clone()) else {
        return Html::default();
    };
    match &loaded.state {
        Load::Loading => {
            html! { <p class="state-loading" role="status">{ i18n.t(Key::Loading) }</p> }
        }
        Load::Failed(e) => html! {
            <section class="page" data-testid="page-application-form">{ load_error(&i18n, e, &loaded.reload) }</section>
        },
        Load::Ready(existing) => {
            let for_applicant = props.for_applicant.clone();
            let initial = match (existing.as_ref(), &for_applicant) {
                (Some(app), _) => input_of(app),
                (None, Some(f)) => new_input(&f.name, &f.id_number),
                (None, None) => new_input(&me.display_name, &me.username),
            };
            html! { <Editor existing={existing.as_ref().clone().map(Rc::new)} {initial} {for_applicant} /> }
        }
    }
}

/// The content of an application, to edit.
fn input_of(app: &Application) -> ApplicationInput {
    ApplicationInput {
        year: app.year,
        series: app.series,
        specialty: app.specialty.clone(),
        level: app.level,
        qualification: app.qualification.clone(),
        declaration_type: app.declaration_type,
        name: app.name.clone(),
        id_number: app.id_number.clone(),
        gender: app.gender,
        birth_date: app.birth_date.clone(),
        education: app.education,
        current_title: app.current_title.clone(),
        current_title_date: app.current_title_date.clone(),
        years_of_service: app.years_of_service,
        achievements: app.achievements.clone(),
        phone: app.phone.clone(),
    }
}

/// A new draft for the signed-in applicant (whose username is the ID number).
fn new_input(name: &str, username: &str) -> ApplicationInput {
    let year = wasm_bindgen_futures::js_sys::Date::new_0().get_full_year() as i32;
    let (birth_date, gender) = from_id_number(username).unwrap_or((String::new(), Gender::Male));
    ApplicationInput {
        year,
        series: Series::Engineering,
        specialty: String::new(),
        level: Level::Intermediate,
        qualification: suggested_qualification(Series::Engineering, Level::Intermediate).to_owned(),
        declaration_type: DeclarationType::Normal,
        name: name.to_owned(),
        id_number: username.to_owned(),
        gender,
        birth_date,
        education: Education::Bachelor,
        current_title: String::new(),
        current_title_date: None,
        years_of_service: 0,
        achievements: String::new(),
        phone: String::new(),
    }
}

/// Sets one field from its text; the ID number also sets birth date and gender, and series or
/// level replace a qualification the user has not changed from the suggestion.
pub fn set_field(input: &mut ApplicationInput, field: &str, value: String) {
    let suggested = suggested_qualification(input.series, input.level);
    let keep_qualification =
        !input.qualification.trim().is_empty() && input.qualification != suggested;
    match field {
        "year" => input.year = value.parse().unwrap_or(input.year),
        "series" => input.series = Series::parse(&value).unwrap_or(input.series),
        "level" => input.level = Level::parse(&value).unwrap_or(input.level),
        "declaration_type" => {
            input.declaration_type =
                DeclarationType::parse(&value).unwrap_or(input.declaration_type)
        }
        "gender" => input.gender = Gender::parse(&value).unwrap_or(input.gender),
        "education" => input.education = Education::parse(&value).unwrap_or(input.education),
        "years_of_service" => input.years_of_service = value.trim().parse().unwrap_or(-1),
        "current_title_date" => {
            input.current_title_date = Some(value).filter(|v| !v.trim().is_empty())
        }
        "id_number" => {
            if let Some((birth, gender)) = from_id_number(&value) {
                input.birth_date = birth;
                input.gender = gender;
            }
            input.id_number = value;
        }
        "name" => input.name = value,
        "specialty" => input.specialty = value,
        "qualification" => input.qualification = value,
        "birth_date" => input.birth_date = value,
        "current_title" => input.current_title = value,
        "achievements" => input.achievements = value,
        "phone" => input.phone = value,
        _ => {}
    }
    if matches!(field, "series" | "level") && !keep_qualification {
        input.qualification = suggested_qualification(input.series, input.level).to_owned();
    }
}

/// Props of [`Editor`].
#[derive(Properties, PartialEq)]
struct EditorProps {
    existing: Option<Rc<Application>>,
    initial: ApplicationInput,
    for_applicant: Option<ForApplicant>,
}

#[component]
fn Editor(props: &EditorProps) -> Html {
    let i18n = use_i18n();
    let api = use_api();
    let navigator = use_navigator();
    let locale = i18n.locale;
    let saved = use_location().and_then(|l| l.state::<Saved>()).is_some();
    let input = use_state(|| props.initial.clone());
    let version = use_state(|| props.existing.as_ref().map(|a| a.version));
    let errors = use_state(BTreeMap::<String, String>::new);
    let flash =
        use_state(move || saved.then(|| Flash::Success(t(locale, Key::WfSaved).to_owned())));
    let busy = use_state(|| false);
    let existing = props.existing.clone();
    let editable = existing.as_deref().is_none_or(applicant_may_edit);

    let on_field = {
        let input = input.clone();
        Callback::from(move |(field, value): (&'static str, String)| {
            let mut next = (*input).clone();
            set_field(&mut next, field, value);
            input.set(next);
        })
    };
    let onsubmit = {
        let (input, version, errors, flash, busy) = (
            input.clone(),
            version.clone(),
            errors.clone(),
            flash.clone(),
            busy.clone(),
        );
        let api = api.clone();
        let id = existing.as_ref().map(|a| a.id);
        let for_applicant = props.for_applicant.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *busy {
                return;
            }
            let current = (*input).clone();
            let found: BTreeMap<String, String> = check_input(&current)
                .into_iter()
                .map(|f| {
                    (
                        f.field.to_owned(),
                        f.detail.map_or_else(
                            || t(locale, f.key).to_owned(),
                            |d| local_part(&d, locale),
                        ),
                    )
                })
                .collect();
            if !found.is_empty() {
                errors.set(found);
                flash.set(Some(Flash::Error(t(locale, Key::WfFixFields).to_owned())));
                return;
            }
            errors.set(BTreeMap::new());
            busy.set(true);
            let (version, errors, flash, busy, api, navigator) = (
                version.clone(),
                errors.clone(),
                flash.clone(),
                busy.clone(),
                api.clone(),
                navigator.clone(),
            );
            let for_applicant = for_applicant.clone();
            spawn_local(async move {
                let result = match (id, *version, &for_applicant) {
                    (Some(id), Some(v), _) => {
                        api::applications::update(&api, id, v, &current).await
                    }
                    (_, _, Some(f)) => api::unit_started::create_for(&api, f.id, &current).await,
                    _ => api::applications::create(&api, &current).await,
                };
                busy.set(false);
                match result {
                    Ok(app) if id.is_none() => {
                        let to = match for_applicant {
                            Some(_) => Route::ApplicationDetail { id: app.id },
                            None => Route::EditApplication { id: app.id },
                        };
                        if let Some(navigator) = navigator {
                            navigator.replace_with_state(&to, Saved);
                        }
                    }
                    Ok(app) => {
                        version.set(Some(app.version));
                        flash.set(Some(Flash::Success(t(locale, Key::WfSaved).to_owned())));
                    }
                    Err(e) => {
                        let message = e.message(locale);
                        // The envelope names the field at fault; the message is only shown.
                        if let Some(field) = e.field() {
                            errors.set(BTreeMap::from([(field.to_owned(), message.clone())]));
                        }
                        flash.set(Some(Flash::Error(message)));
                    }
                }
            });
        })
    };

    let f = &*input;
    let errs = &*errors;
    // Required are the fields the shared check refuses when they are blank.
    let required = |name: &str| {
        let mut blank = f.clone();
        set_field(&mut blank, name, String::new());
        check_input(&blank).iter().any(|e| e.field == name)
    };
    let field = |key: Key, name: &'static str, control: Html| {
        field_box(&i18n, key, name, control, errs, required(name))
    };
    let text = |name: &'static str, value: &str, max: u32| {
        text_control(name, value, max, &on_field, "text")
    };
    let select =
        |name: &'static str, selected: &'static str, options: Vec<(&'static str, &'static str)>| {
            select_control(name, selected, options, &on_field)
        };
    let opts = |pairs: Vec<(&'static str, &'static str)>| pairs;
    let year_now = props.initial.year;
    let years: Vec<(String, String)> = (year_now - 1..=year_now + 1)
        .map(|y| (y.to_string(), y.to_string()))
        .collect();
    let suggested = suggested_qualification(f.series, f.level);

    let heading = if existing.is_some() {
        Key::WfEditApplication
    } else {
        Key::WfNewApplication
    };
    html! {
        <section class="page" data-testid="page-application-form">
            <div class="page-heading">
                <h1 class="page-title">
                    { props.for_applicant.as_ref().map_or_else(
                        || i18n.t(heading).to_owned(),
                        |f| crate::i18n::fill(i18n.t(Key::UsFormHeading), &f.name),
                    ) }
                    if let Some(app) = &existing {
                        { " " }{ status_tag(i18n.locale, Status::Stage(app.stage), None) }
                    }
                </h1>
                <div class="page-actions">
                    if let Some(app) = &existing {
                        <Link<Route> to={Route::ApplicationDetail { id: app.id }} classes="button">
                            <span data-testid="to-detail">{ i18n.t(Key::WfToDetail) }</span>
                        </Link<Route>>
                    }
                </div>
            </div>
            { flash_view(flash.as_ref()) }
            if let Some(app) = &existing {
                if matches!(app.stage, Stage::Returned | Stage::Supplement) {
                    if let Some(opinion) = &app.return_opinion {
                        <div class="alert alert-warning page-alert" role="status" data-testid="return-opinion">
                            <p class="alert-title">{ i18n.t(if app.stage == Stage::Supplement { Key::WfSupplementReason } else { Key::WfReturnReason }) }</p>
                            <p>{ opinion }</p>
                        </div>
                    }
                }
                if !editable {
                    <p class="alert alert-warning page-alert">{ i18n.t(Key::WfNotEditable) }</p>
                }
            }
            <form class="panel form" novalidate=true {onsubmit} aria-busy={busy.to_string()}>
                <fieldset class="fieldset" disabled={!editable}>
                    <legend>{ i18n.t(Key::WfDeclaration) }</legend>
                    <div class="form-grid form-grid-3">
                        { field(Key::WfYear, "year", html! {
                            <select id="f-year" name="year" data-testid="f-year" onchange={select_cb("year", &on_field)}>
                                { for years.iter().map(|(v, l)| html! { <option value={v.clone()} selected={*v == f.year.to_string()}>{ l }</option> }) }
                            </select>
                        }) }
                        { field(Key::WfSeries, "series", select("series", f.series.as_str(),
                            opts(Series::ALL.iter().map(|s| (s.as_str(), s.label(locale))).collect()))) }
                        { field(Key::WfSpecialty, "specialty", text("specialty", &f.specialty, 50)) }
                        { field(Key::WfLevel, "level", select("level", f.level.as_str(),
                            Level::ALL.iter().map(|s| (s.as_str(), s.label(locale))).collect())) }
                        { field(Key::WfQualification, "qualification", html! {
                            <>
                                { text("qualification", &f.qualification, 50) }
                                <p class="field-hint">{ crate::i18n::labelled(locale, i18n.t(Key::WfSuggested), suggested) }</p>
                            </>
                        }) }
                        { field(Key::WfDeclarationType, "declaration_type", select("declaration_type", f.declaration_type.as_str(),
                            DeclarationType::ALL.iter().map(|s| (s.as_str(), s.label(locale))).collect())) }
                    </div>
                </fieldset>
                <fieldset class="fieldset" disabled={!editable}>
                    <legend>{ i18n.t(Key::WfPersonal) }</legend>
                    <div class="form-grid form-grid-3">
                        { field(Key::AccountDisplayName, "name", text("name", &f.name, 50)) }
                        // The account's own ID number: shown, not edited (the server accepts no other).
                        { field(Key::AccountIdNumber, "id_number", html! {
                            <input id="f-id_number" name="id_number" class="readonly" readonly=true aria-readonly="true"
                                value={f.id_number.clone()} data-testid="f-id_number" />
                        }) }
                        { field(Key::WfGender, "gender", select("gender", f.gender.as_str(),
                            Gender::ALL.iter().map(|s| (s.as_str(), s.label(locale))).collect())) }
                        { field(Key::WfBirthDate, "birth_date", text_control("birth_date", &f.birth_date, 10, &on_field, "date")) }
                        { field(Key::WfEducation, "education", select("education", f.education.as_str(),
                            Education::ALL.iter().map(|s| (s.as_str(), s.label(locale))).collect())) }
                        { field(Key::AccountPhone, "phone", text("phone", &f.phone, 20)) }
                        { field(Key::WfCurrentTitle, "current_title", text("current_title", &f.current_title, 50)) }
                        { field(Key::WfCurrentTitleDate, "current_title_date",
                            text_control("current_title_date", f.current_title_date.as_deref().unwrap_or(""), 10, &on_field, "date")) }
                        { field(Key::WfYearsOfService, "years_of_service",
                            text_control("years_of_service", &f.years_of_service.max(0).to_string(), 2, &on_field, "number")) }
                    </div>
                    { field(Key::WfAchievements, "achievements", html! {
                        <textarea id="f-achievements" name="achievements" rows="5" maxlength="5000"
                            data-testid="f-achievements" value={f.achievements.clone()}
                            oninput={textarea_cb("achievements", &on_field)} />
                    }) }
                </fieldset>
                if editable {
                    <div class="form-actions">
                        <button type="submit" class="button button-primary" data-testid="save-application" disabled={*busy}>
                            { i18n.t(if *busy { Key::Saving } else { Key::WfSaveDraft }) }
                        </button>
                        <span class="muted">{ i18n.t(Key::WfSaveHint) }</span>
                    </div>
                }
            </form>
            if let Some(app) = &existing {
                <Attachments app_id={app.id} stage={app.stage} {editable} series={Some(f.series)} />
            }
        </section>
    }
}

/// The part of a `中文 / English` message in `locale`.
fn local_part(message: &str, locale: shared::Locale) -> String {
    let (zh, en) = message.split_once(" / ").unwrap_or((message, message));
    match locale {
        shared::Locale::ZhCn => zh.to_owned(),
        shared::Locale::En => en.to_owned(),
    }
}

fn field_box(
    i18n: &I18n,
    label: Key,
    name: &'static str,
    control: Html,
    errors: &BTreeMap<String, String>,
    required: bool,
) -> Html {
    let error = errors.get(name);
    html! {
        <div class={classes!("field", error.map(|_| "field-invalid"))}>
            <label for={format!("f-{name}")}>{ i18n.t(label) }if required { <RequiredMark /> }</label>
            { control }
            if let Some(message) = error {
                <p class="field-error" role="alert" data-testid={format!("error-{name}")}>{ message }</p>
            }
        </div>
    }
}

fn text_control(
    name: &'static str,
    value: &str,
    max: u32,
    on: &Callback<(&'static str, String)>,
    kind: &'static str,
) -> Html {
    let on = on.clone();
    let oninput = Callback::from(move |e: InputEvent| {
        if let Some(input) = e
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        {
            on.emit((name, input.value()));
        }
    });
    html! {
        <input id={format!("f-{name}")} name={name} type={kind} value={value.to_owned()} maxlength={max.to_string()}
            autocomplete="off" data-testid={format!("f-{name}")} {oninput} />
    }
}

fn select_cb(name: &'static str, on: &Callback<(&'static str, String)>) -> Callback<Event> {
    let on = on.clone();
    Callback::from(move |e: Event| {
        if let Some(select) = e
            .target()
            .and_then(|t| t.dyn_into::<HtmlSelectElement>().ok())
        {
            on.emit((name, select.value()));
        }
    })
}

fn textarea_cb(name: &'static str, on: &Callback<(&'static str, String)>) -> Callback<InputEvent> {
    let on = on.clone();
    Callback::from(move |e: InputEvent| {
        if let Some(area) = e
            .target()
            .and_then(|t| t.dyn_into::<HtmlTextAreaElement>().ok())
        {
            on.emit((name, area.value()));
        }
    })
}

fn select_control(
    name: &'static str,
    selected: &'static str,
    options: Vec<(&'static str, &'static str)>,
    on: &Callback<(&'static str, String)>,
) -> Html {
    html! {
        <select id={format!("f-{name}")} name={name} data-testid={format!("f-{name}")} onchange={select_cb(name, on)}>
            { for options.into_iter().map(|(value, label)| html! {
                <option value={value} selected={value == selected}>{ label }</option>
            }) }
        </select>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_id_number_fills_birth_date_and_gender_and_the_qualification_follows() {
        let mut input = new_input_at(2026);
        set_field(&mut input, "id_number", "520121199001011239".into());
        assert_eq!(input.birth_date, "1990-01-01");
        assert_eq!(input.gender, Gender::Male);
        set_field(&mut input, "level", "associate_senior".into());
        assert_eq!(input.qualification, "高级工程师");
        set_field(&mut input, "qualification", "高级工程师（电力）".into());
        set_field(&mut input, "series", "economics".into());
        assert_eq!(
            input.qualification, "高级工程师（电力）",
            "a typed one is kept"
        );
        set_field(&mut input, "years_of_service", "x".into());
        assert_eq!(input.years_of_service, -1);
        set_field(&mut input, "current_title_date", " ".into());
        assert_eq!(input.current_title_date, None);
        assert_eq!(
            local_part("须为 18 位 / must be 18", shared::Locale::En),
            "must be 18"
        );
    }

    fn new_input_at(year: i32) -> ApplicationInput {
        ApplicationInput {
            year,
            series: Series::Engineering,
            specialty: String::new(),
            level: Level::Intermediate,
            qualification: "工程师".into(),
            declaration_type: DeclarationType::Normal,
            name: "张三".into(),
            id_number: String::new(),
            gender: Gender::Female,
            birth_date: String::new(),
            education: Education::Bachelor,
            current_title: String::new(),
            current_title_date: None,
            years_of_service: 0,
            achievements: String::new(),
            phone: String::new(),
        }
    }
}
