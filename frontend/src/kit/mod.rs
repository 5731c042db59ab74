//! The screen kit: what a screen is assembled from. A list screen is its columns, filters and
//! API path ([`list::ListPage`]); a dialog is its fields and the request it sends
//! ([`dialog::FormDialog`], [`dialog::Confirm`]); values are shown by [`format`] and [`tags`];
//! figures by [`charts`] (SVG bars, columns and a funnel, each with its table view).
//!
//! Test ids follow one scheme: `list-<name>` (the page), `<name>-table`, `row-<key>`,
//! `check-<key>` / `check-all`, `filter-<key>`, `btn-search` / `btn-reset`, `sort-<key>`,
//! `btn-export`, `btn-print`, `pager`; `dialog-<name>`, `input-<field>`, `<id>-error`,
//! `dialog-submit` / `dialog-cancel`, `confirm-message`, `confirm-yes` / `confirm-no`;
//! `chart-<name>`, `chart-table-<name>`, `view-chart-<name>` / `view-table-<name>`.

pub mod bulk;
pub mod charts;
pub mod detail;
pub mod dialog;
pub mod fields;
pub mod filters;
pub mod format;
pub mod list;
pub mod query;
pub mod tabs;
pub mod tags;
