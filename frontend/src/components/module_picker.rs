//! Modules to tick, grouped by menu group as in the side menu (SPEC §8): one column of
//! checkboxes per set (a business role's modules; a unit role's 可用 and 可分配).

use shared::{MenuGroup, Module};
use yew::prelude::*;

use crate::i18n::use_i18n;

/// One column of checkboxes: the form name its ticked codes are sent under, its heading, and
/// the modules ticked at the start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickColumn {
    /// The form field name.
    pub name: &'static str,
    /// The heading.
    pub label: String,
    /// Ticked at the start.
    pub selected: Vec<Module>,
}

/// Props of [`ModulePicker`].
#[derive(Properties, PartialEq)]
pub struct ModulePickerProps {
    /// The modules offered, in any order (shown in menu order).
    pub options: Vec<Module>,
    /// The columns.
    pub columns: Vec<PickColumn>,
    /// `data-testid`.
    #[prop_or(AttrValue::Static("module-picker"))]
    pub testid: AttrValue,
}

/// The table of modules and checkboxes.
#[component]
pub fn ModulePicker(props: &ModulePickerProps) -> Html {
    let i18n = use_i18n();
    let locale = i18n.locale;
    let groups = MenuGroup::ALL.iter().filter_map(|&group| {
        let modules: Vec<Module> = Module::ALL
            .iter()
            .copied()
            .filter(|m| m.group() == group && props.options.contains(m))
            .collect();
        (!modules.is_empty()).then_some((group, modules))
    });
    html! {
        <table class="table table-compact module-picker" data-testid={props.testid.clone()}>
            <thead>
                <tr>
                    <th scope="col">{ crate::i18n::t(locale, crate::i18n::Key::ModuleLabel) }</th>
                    { for props.columns.iter().map(|c| html! { <th scope="col" class="cell-check">{ &c.label }</th> }) }
                </tr>
            </thead>
            <tbody>
                { for groups.map(|(group, modules)| html! {
                    <>
                        <tr class="picker-group">
                            <th scope="rowgroup" colspan={(props.columns.len() + 1).to_string()}>
                                { format!("{} › {}", group.subsystem().name(locale), group.name(locale)) }
                            </th>
                        </tr>
                        { for modules.into_iter().map(|module| {
                            let row_id = format!("module-{}", module.code().replace('.', "-"));
                            html! {
                                <tr>
                                    <td id={row_id.clone()}>{ module.name(locale) }<span class="muted cell-sub cell-mono">{ module.code() }</span></td>
                                    { for props.columns.iter().map(|c| {
                                        let id = format!("{}-{}", c.name, module.code().replace('.', "-"));
                                        html! {
                                            <td class="cell-check">
                                                <input
                                                    type="checkbox"
                                                    id={id.clone()}
                                                    name={c.name}
                                                    value={module.code()}
                                                    checked={c.selected.contains(&module)}
                                                    aria-label={crate::i18n::labelled(locale, &c.label, module.name(locale))}
                                                    data-testid={id}
                                                />
                                            </td>
                                        }
                                    }) }
                                </tr>
                            }
                        }) }
                    </>
                }) }
            </tbody>
        </table>
    }
}
