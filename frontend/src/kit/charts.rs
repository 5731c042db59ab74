//! Charts drawn as SVG, without a chart library: horizontal bars (a value, or a part of a whole
//! such as "passed of decided" with its rate), columns (the months of a year, the days of a
//! month, one or several series side by side) and a funnel (centred bars, in workflow order).
//!
//! Each chart is a `<figure>` (`data-testid="chart-<name>"`) with its `<figcaption>`, a drawing
//! (`role="img"`, an `aria-label` that says every number) that scales to its container's width
//! (a `viewBox`, no fixed size), colours from the stylesheet's `--chart-*` variables (classes,
//! never inline styles: the CSP forbids them), and a 图表 / 表格 toggle (`view-chart-<name>` /
//! `view-table-<name>`) that shows the same numbers as a kit table (`chart-table-<name>`).
//!
//! The geometry is plain integer arithmetic in viewBox units ([`bar_layout`],
//! [`column_layout`], [`scaled`], [`axis`]), tested without a browser. The drawing and the
//! table are written as markup ([`bar_markup`], [`column_markup`], [`table_markup`], every
//! text escaped) and the frame is one non-generic component, so a screen adds little to its
//! entry's wasm.

use yew::prelude::*;

use crate::i18n::{t, use_i18n, Key, Locale};

/// The text size in viewBox units (the stylesheet's `.chart-svg text`).
pub const FONT: i64 = 12;
/// The height of one row of a bar chart.
pub const ROW: i64 = 26;
/// The thickness of a bar.
pub const BAR: i64 = 16;
/// The space between a label and its bar, and around the drawing.
pub const GAP: i64 = 8;
/// The height of the plot of a column chart.
pub const PLOT: i64 = 160;
/// The width of a chart in a half-width panel.
pub const HALF: i64 = 480;
/// The width of a chart across the page.
pub const WIDE: i64 = 960;

/// The colour of a bar or a series (a class of the stylesheet, `--chart-*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ink {
    /// The brand blue: the value.
    Main,
    /// A light blue: the whole a value is part of.
    Light,
    /// Amber.
    Amber,
    /// Red.
    Red,
}

impl Ink {
    /// Its class (`fill` in the drawing, `background` in the legend).
    pub fn class(self) -> &'static str {
        match self {
            Ink::Main => "ink-main",
            Ink::Light => "ink-light",
            Ink::Amber => "ink-amber",
            Ink::Red => "ink-red",
        }
    }
}

/// How long `value` is drawn when `max` fills `length`: in proportion, rounded; nothing for
/// zero (or less, or when everything is zero); a value above zero never vanishes (at least 1).
pub fn scaled(value: i64, max: i64, length: i64) -> i64 {
    if max <= 0 || value <= 0 || length <= 0 {
        return 0;
    }
    // No 128-bit arithmetic: it would bring its division routines into every entry.
    let drawn = value
        .min(max)
        .saturating_mul(length)
        .saturating_add(max / 2)
        / max;
    drawn.clamp(1, length)
}

/// The top of a value axis and its step: 1, 2 or 5 × 10ⁿ, about four steps up to at least
/// `max`. Everything zero still has an axis (0 and 1).
pub fn axis(max: i64) -> (i64, i64) {
    if max <= 0 {
        return (1, 1);
    }
    let raw = (max + 3) / 4;
    let mut magnitude = 1;
    while magnitude * 10 <= raw {
        magnitude *= 10;
    }
    let step = [1, 2, 5, 10]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10 * magnitude);
    let top = (max + step - 1) / step * step;
    (top, step)
}

/// `passed` of `decided` as a percentage with one decimal (`66.7%`); none of none decided.
pub fn rate(passed: i64, decided: i64) -> Option<String> {
    if decided <= 0 {
        return None;
    }
    let permille = passed
        .max(0)
        .saturating_mul(1000)
        .saturating_add(decided / 2)
        / decided;
    Some(format!("{}.{}%", permille / 10, permille % 10))
}

/// The width `text` takes at [`FONT`]: a wide (CJK) character one em, any other 0.6 em.
pub fn text_width(text: &str) -> i64 {
    let tenths: i64 = text
        .chars()
        .map(|c| if c.is_ascii() { 6 } else { 10 })
        .sum();
    (tenths * FONT + 9) / 10
}

/// `text` shortened with `…` to fit `width` (unchanged when it fits).
pub fn fit(text: &str, width: i64) -> String {
    if text_width(text) <= width {
        return text.to_owned();
    }
    let room = width - FONT;
    let mut used = 0;
    let mut out = String::new();
    for c in text.chars() {
        used += text_width(c.encode_utf8(&mut [0; 4]));
        if used > room {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// One bar: its label, its value (the solid bar), the whole it is part of (a light bar behind
/// it: decided behind passed) and the text after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BarDatum {
    /// What the bar is (a series, an employer, a stage).
    pub label: String,
    /// The solid bar.
    pub value: i64,
    /// The light bar behind, when the value is part of a whole.
    pub whole: Option<i64>,
    /// Said after the bar (`12/20（60.0%）`).
    pub text: String,
    /// The table's cells after the label.
    pub cells: Vec<String>,
}

/// Where one bar is drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BarRow {
    /// The top of its row.
    pub y: i64,
    /// The label as drawn (shortened to its column).
    pub label: String,
    /// Whether the label had to be shortened (the drawing then carries it whole as a tooltip).
    pub shortened: bool,
    /// Where the solid bar starts.
    pub value_x: i64,
    /// The solid bar's length.
    pub value: i64,
    /// Where the light bar starts.
    pub whole_x: i64,
    /// The light bar's length (0 without a whole).
    pub whole: i64,
    /// Where the text after it starts.
    pub text_x: i64,
}

/// A bar chart laid out in a `width` × `height` viewBox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BarLayout {
    /// The viewBox width.
    pub width: i64,
    /// The viewBox height.
    pub height: i64,
    /// The labels' right edge.
    pub label_x: i64,
    /// The plot's left edge.
    pub plot_x: i64,
    /// The plot's width: the largest value (or whole) fills it.
    pub plot_w: i64,
    /// Every bar, top to bottom.
    pub rows: Vec<BarRow>,
}

/// Lays out `data` as horizontal bars `width` wide: labels on the left (at most a third of the
/// width, longer ones shortened), the text after each bar, the largest value or whole filling
/// the plot. `centred`: each bar centred in the plot and its text after the plot (a funnel).
pub fn bar_layout(data: &[BarDatum], width: i64, centred: bool) -> BarLayout {
    let label_w = data
        .iter()
        .map(|d| text_width(&d.label))
        .max()
        .unwrap_or(0)
        .min(width / 3);
    let text_w = data
        .iter()
        .map(|d| text_width(&d.text))
        .max()
        .unwrap_or(0)
        .min(width / 3);
    let label_x = GAP + label_w;
    let plot_x = label_x + GAP;
    let plot_w = (width - plot_x - GAP - text_w - GAP).max(width / 4);
    let max = data
        .iter()
        .map(|d| d.value.max(d.whole.unwrap_or(0)))
        .max()
        .unwrap_or(0);
    let rows = data
        .iter()
        .zip(0_i64..)
        .map(|(d, i)| {
            let value = scaled(d.value, max, plot_w);
            let whole = d.whole.map_or(0, |w| scaled(w, max, plot_w));
            let longest = value.max(whole);
            // Centred, each bar is centred on the plot's middle; else they start at its left.
            let start = |length: i64| {
                if centred {
                    plot_x + (plot_w - length) / 2
                } else {
                    plot_x
                }
            };
            let text_x = if centred {
                plot_x + plot_w + GAP
            } else {
                plot_x + longest + GAP
            };
            let label = fit(&d.label, label_w);
            BarRow {
                y: GAP + i * ROW,
                shortened: label != d.label,
                label,
                value_x: start(value),
                value,
                whole_x: start(whole),
                whole,
                text_x,
            }
        })
        .collect();
    BarLayout {
        width,
        height: 2 * GAP + ROW * i64::try_from(data.len()).unwrap_or(0),
        label_x,
        plot_x,
        plot_w,
        rows,
    }
}

/// One column (or one group of columns, a value per series): its label under the axis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnDatum {
    /// Under the axis (`3月`, `11-04`).
    pub label: String,
    /// The row's name in the table (`2026-11-04`).
    pub name: String,
    /// One value per series.
    pub values: Vec<i64>,
}

/// Where one column is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// Left edge.
    pub x: i64,
    /// Top edge.
    pub y: i64,
    /// Width.
    pub w: i64,
    /// Height (0 for zero).
    pub h: i64,
    /// The value it shows.
    pub value: i64,
}

/// One group of columns and its label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnGroup {
    /// The middle of the group (its label's anchor).
    pub centre: i64,
    /// The label, when there is room for it (crowded axes label every n-th group).
    pub label: Option<String>,
    /// A column per series.
    pub columns: Vec<Column>,
}

/// A column chart laid out in a `width` × `height` viewBox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnLayout {
    /// The viewBox width.
    pub width: i64,
    /// The viewBox height.
    pub height: i64,
    /// The plot's left edge (the tick labels are left of it).
    pub plot_x: i64,
    /// The plot's right edge.
    pub plot_right: i64,
    /// The axis line (value 0).
    pub baseline: i64,
    /// The axis' ticks: value and height.
    pub ticks: Vec<(i64, i64)>,
    /// Every group, left to right.
    pub groups: Vec<ColumnGroup>,
    /// The value above each column (one series with room for it).
    pub values_shown: bool,
}

/// Lays out `data` as columns `width` wide, `series` columns side by side in each group, on an
/// axis from 0 to a round top ([`axis`]) with its ticks.
pub fn column_layout(data: &[ColumnDatum], series: usize, width: i64) -> ColumnLayout {
    let series = series.max(1);
    let max = data
        .iter()
        .flat_map(|d| d.values.iter().copied())
        .max()
        .unwrap_or(0);
    let (top, step) = axis(max);
    let plot_top = GAP + FONT + GAP;
    let baseline = plot_top + PLOT;
    let plot_x = GAP + text_width(&top.to_string()) + GAP;
    let plot_right = width - GAP;
    let plot_w = plot_right - plot_x;
    let n = i64::try_from(data.len()).unwrap_or(0).max(1);
    let slot = plot_w / n;
    let per_series = i64::try_from(series).unwrap_or(1);
    let column_w = (slot * 7 / 10 / per_series).max(1);
    let group_w = column_w * per_series;
    let widest = data.iter().map(|d| text_width(&d.label)).max().unwrap_or(0);
    // A label every `every` groups, so that neighbours never touch.
    let every = ((widest + GAP) / slot.max(1) + 1).max(1);
    let values_shown = series == 1
        && data
            .iter()
            .all(|d| d.values.iter().all(|v| text_width(&v.to_string()) <= slot));
    let groups = data
        .iter()
        .zip(0_i64..)
        .map(|(d, i)| {
            let start = plot_x + i * plot_w / n + (slot - group_w) / 2;
            let columns = (0..series)
                .zip(0_i64..)
                .map(|(s, k)| {
                    let value = d.values.get(s).copied().unwrap_or(0);
                    let h = scaled(value, top, PLOT);
                    Column {
                        x: start + k * column_w,
                        y: baseline - h,
                        w: column_w,
                        h,
                        value,
                    }
                })
                .collect();
            ColumnGroup {
                centre: start + group_w / 2,
                label: (i % every == 0).then(|| d.label.clone()),
                columns,
            }
        })
        .collect();
    let ticks = (0..=top / step)
        .map(|k| (k * step, baseline - scaled(k * step, top, PLOT)))
        .collect();
    ColumnLayout {
        width,
        height: baseline + GAP + FONT + GAP,
        plot_x,
        plot_right,
        baseline,
        ticks,
        groups,
        values_shown,
    }
}

/// What a screen reader hears for a chart: its caption, then every item (`工程系列 12/20`).
pub fn spoken(locale: Locale, caption: &str, items: &[String]) -> String {
    let (colon, semicolon) = match locale {
        Locale::ZhCn => ("：", "；"),
        Locale::En => (": ", "; "),
    };
    if items.is_empty() {
        return format!("{caption}{colon}{}", t(locale, Key::EmptyList));
    }
    format!("{caption}{colon}{}", items.join(semicolon))
}

/// `text` safe inside markup, as an element's text or an attribute's value.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A drawing written as markup. A string, not `html!`: Yew's SVG elements cost several KB of
/// wasm for each drawing function, a string builder a fraction of that (docs/PERFORMANCE.md,
/// "Charts as markup"). Every text that comes from data goes through [`escape`].
struct Svg(String);

impl Svg {
    /// `<svg>` of `width` × `height` viewBox units, an image named `label`.
    fn new(width: i64, height: i64, label: &str) -> Self {
        Svg(format!(
            "<svg class=\"chart-svg\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{}\">",
            escape(label)
        ))
    }

    fn rect(&mut self, ink: Ink, x: i64, y: i64, w: i64, h: i64) {
        self.0.push_str(&format!(
            "<rect class=\"{}\" x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\"/>",
            ink.class()
        ));
    }

    /// A text; `anchor` `start`, `middle` or `end`; vertically centred on `y`.
    fn text(&mut self, class: &str, x: i64, y: i64, anchor: &str, text: &str) {
        self.0.push_str(&format!(
            "<text class=\"{class}\" x=\"{x}\" y=\"{y}\" text-anchor=\"{anchor}\" dominant-baseline=\"central\">{}</text>",
            escape(text)
        ));
    }

    /// A horizontal line.
    fn line(&mut self, class: &str, x1: i64, x2: i64, y: i64) {
        self.0.push_str(&format!(
            "<line class=\"{class}\" x1=\"{x1}\" x2=\"{x2}\" y1=\"{y}\" y2=\"{y}\"/>"
        ));
    }

    fn raw(&mut self, markup: &str) {
        self.0.push_str(markup);
    }

    fn finish(mut self) -> String {
        self.0.push_str("</svg>");
        self.0
    }
}

/// The markup of a bar chart (`label` is its spoken summary).
pub fn bar_markup(layout: &BarLayout, data: &[BarDatum], label: &str) -> String {
    let mut svg = Svg::new(layout.width, layout.height, label);
    let middle = (ROW - BAR) / 2;
    for (r, d) in layout.rows.iter().zip(data) {
        let y = r.y + ROW / 2;
        svg.raw("<g>");
        if r.shortened {
            svg.raw(&format!("<title>{}</title>", escape(&d.label)));
        }
        svg.text("chart-label", layout.label_x, y, "end", &r.label);
        if r.whole > 0 {
            svg.rect(Ink::Light, r.whole_x, r.y + middle, r.whole, BAR);
        }
        if r.value > 0 {
            svg.rect(Ink::Main, r.value_x, r.y + middle, r.value, BAR);
        }
        svg.text("chart-value", r.text_x, y, "start", &d.text);
        svg.raw("</g>");
    }
    svg.finish()
}

/// The markup of a column chart: the ticks and their rules, the columns coloured by series
/// (`inks`) with each group's `tips` as its tooltip, the values above them when there is room
/// (none above nothing), the labels under the axis, the axis.
pub fn column_markup(layout: &ColumnLayout, inks: &[Ink], label: &str, tips: &[String]) -> String {
    let mut svg = Svg::new(layout.width, layout.height, label);
    for (value, y) in &layout.ticks {
        svg.line("chart-rule", layout.plot_x, layout.plot_right, *y);
        svg.text(
            "chart-tick",
            layout.plot_x - GAP,
            *y,
            "end",
            &value.to_string(),
        );
    }
    let label_y = layout.baseline + GAP + FONT / 2;
    for (g, tip) in layout.groups.iter().zip(tips) {
        svg.raw(&format!("<g><title>{}</title>", escape(tip)));
        for (c, ink) in g.columns.iter().zip(inks.iter().cycle()) {
            if c.h > 0 {
                svg.rect(*ink, c.x, c.y, c.w, c.h);
            }
            if layout.values_shown && c.value > 0 {
                let y = c.y - GAP;
                svg.text(
                    "chart-value",
                    c.x + c.w / 2,
                    y,
                    "middle",
                    &c.value.to_string(),
                );
            }
        }
        if let Some(text) = &g.label {
            svg.text("chart-tick", g.centre, label_y, "middle", text);
        }
        svg.raw("</g>");
    }
    svg.line(
        "chart-axis",
        layout.plot_x,
        layout.plot_right,
        layout.baseline,
    );
    svg.finish()
}

/// The numbers of a chart as a table: a heading per column, the first cell of each row its
/// name (`th`), the others numbers.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Figures {
    /// The column headings.
    pub heads: Vec<&'static str>,
    /// The rows.
    pub rows: Vec<Vec<String>>,
}

/// The markup of the table view of a chart: `data-testid="chart-table-<name>"`, kit-styled,
/// the kit's empty state when there is nothing. Markup for the same reason as [`Svg`].
pub fn table_markup(locale: Locale, name: &str, caption: &str, figures: &Figures) -> String {
    let mut out = format!(
        "<div class=\"table-scroll\"><table class=\"table table-compact chart-table\" data-testid=\"chart-table-{name}\"><caption class=\"visually-hidden\">{}</caption><thead><tr>",
        escape(caption)
    );
    for head in &figures.heads {
        out.push_str(&format!("<th scope=\"col\">{}</th>", escape(head)));
    }
    out.push_str("</tr></thead><tbody>");
    if figures.rows.is_empty() {
        out.push_str(&format!(
            "<tr><td colspan=\"{}\" class=\"empty-state\" data-testid=\"table-empty\">{}</td></tr>",
            figures.heads.len(),
            t(locale, Key::EmptyList)
        ));
    }
    for row in &figures.rows {
        out.push_str("<tr>");
        for (i, cell) in row.iter().enumerate() {
            let cell = escape(cell);
            out.push_str(&if i == 0 {
                format!("<th scope=\"row\">{cell}</th>")
            } else {
                format!("<td class=\"cell-number\">{cell}</td>")
            });
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></div>");
    out
}

/// A bar chart in its figure: what [`bars`] draws.
pub struct Bars {
    /// Names the test ids ([`Chart`]).
    pub name: &'static str,
    /// The caption.
    pub caption: &'static str,
    /// The table's headings: the labels', then one per cell.
    pub heads: Vec<&'static str>,
    /// The bars, top to bottom.
    pub data: Vec<BarDatum>,
    /// What each colour means (none for one colour).
    pub legend: Vec<(Ink, &'static str)>,
    /// A funnel: bars centred.
    pub centred: bool,
    /// Across the chart grid ([`WIDE`]) or in half of it ([`HALF`]).
    pub wide: bool,
    /// A line under the chart.
    pub note: Option<&'static str>,
}

/// A bar chart (or a funnel) with its table view (each bar's label and cells); nothing to
/// draw without bars.
pub fn bars(locale: Locale, b: Bars) -> Html {
    let drawing = (!b.data.is_empty()).then(|| {
        let layout = bar_layout(&b.data, if b.wide { WIDE } else { HALF }, b.centred);
        let items: Vec<String> = b
            .data
            .iter()
            .map(|d| format!("{} {}", d.label, d.text))
            .collect();
        bar_markup(&layout, &b.data, &spoken(locale, b.caption, &items))
    });
    let figures = Figures {
        heads: b.heads,
        rows: b
            .data
            .into_iter()
            .map(|d| {
                let mut row = vec![d.label];
                row.extend(d.cells);
                row
            })
            .collect(),
    };
    html! {
        <Chart name={b.name} caption={b.caption} {drawing} {figures} legend={b.legend}
            note={b.note} wide={b.wide} />
    }
}

/// A column chart in its figure: what [`columns`] draws.
pub struct Columns {
    /// Names the test ids ([`Chart`]).
    pub name: &'static str,
    /// The caption.
    pub caption: &'static str,
    /// The table's heading of the names; each series' name heads its own column.
    pub head: &'static str,
    /// The groups, left to right.
    pub data: Vec<ColumnDatum>,
    /// The colour and name of each series; with more than one, the legend names them.
    pub series: Vec<(Ink, &'static str)>,
    /// Across the chart grid ([`WIDE`]) or in half of it ([`HALF`]).
    pub wide: bool,
}

/// A column chart with its table view (each group's name and values); nothing to draw
/// without columns.
pub fn columns(locale: Locale, c: Columns) -> Html {
    let mut heads = vec![c.head];
    heads.extend(c.series.iter().map(|s| s.1));
    let figures = Figures {
        heads,
        rows: c
            .data
            .iter()
            .map(|d| {
                let mut row = vec![d.name.clone()];
                row.extend(d.values.iter().map(i64::to_string));
                row
            })
            .collect(),
    };
    let inks: Vec<Ink> = c.series.iter().map(|s| s.0).collect();
    let drawing = (!c.data.is_empty()).then(|| {
        let layout = column_layout(&c.data, inks.len(), if c.wide { WIDE } else { HALF });
        let items = table_items(locale, &figures);
        column_markup(&layout, &inks, &spoken(locale, c.caption, &items), &items)
    });
    let legend = if c.series.len() > 1 {
        c.series
    } else {
        Vec::new()
    };
    html! {
        <Chart name={c.name} caption={c.caption} {drawing} {figures} {legend} wide={c.wide} />
    }
}

/// What a screen reader hears of each row of a table: its name, then each cell after its
/// heading (`11-04 登录 3，锁定 0`).
pub fn table_items(locale: Locale, figures: &Figures) -> Vec<String> {
    let sep = match locale {
        Locale::ZhCn => "，",
        Locale::En => ", ",
    };
    figures
        .rows
        .iter()
        .map(|row| {
            let mut cells = row.iter();
            let name = cells.next().cloned().unwrap_or_default();
            let rest: Vec<String> = cells
                .zip(figures.heads.iter().skip(1))
                .map(|(cell, head)| format!("{head} {cell}"))
                .collect();
            format!("{name} {}", rest.join(sep))
        })
        .collect()
}

/// Props of [`Chart`].
#[derive(Properties, PartialEq)]
pub struct ChartProps {
    /// Names the test ids: `chart-<name>`, `chart-table-<name>`, `view-chart-<name>`,
    /// `view-table-<name>`.
    pub name: AttrValue,
    /// The `<figcaption>`.
    pub caption: AttrValue,
    /// The drawing's markup ([`bar_markup`], [`column_markup`]); `None` when there is nothing
    /// to draw.
    pub drawing: Option<String>,
    /// The same numbers as a table.
    pub figures: Figures,
    /// What each colour means.
    #[prop_or_default]
    pub legend: Vec<(Ink, &'static str)>,
    /// A line under the chart.
    #[prop_or_default]
    pub note: Option<&'static str>,
    /// Across the whole width of the chart grid.
    #[prop_or_default]
    pub wide: bool,
}

/// A chart in its `<figure>`, with the 图表 / 表格 toggle.
#[component]
pub fn Chart(props: &ChartProps) -> Html {
    let i18n = use_i18n();
    let table = use_state(|| false);
    let name = &props.name;
    let switch = |to: bool| {
        let table = table.clone();
        Callback::from(move |_: MouseEvent| table.set(to))
    };
    let body = match (&props.drawing, *table) {
        (_, true) => Html::from_html_unchecked(
            table_markup(i18n.locale, name, &props.caption, &props.figures).into(),
        ),
        (Some(drawing), false) => Html::from_html_unchecked(drawing.clone().into()),
        (None, false) => html! {
            <p class="empty-state" data-testid="chart-empty">{ i18n.t(Key::EmptyList) }</p>
        },
    };
    html! {
        <figure class={classes!("panel", "chart", props.wide.then_some("chart-wide"))}
            data-testid={format!("chart-{name}")} data-view={if *table { "table" } else { "chart" }}>
            <figcaption class="chart-title">{ props.caption.clone() }</figcaption>
            <div class="chart-toggle" role="group" aria-label={crate::i18n::labelled(i18n.locale, &props.caption, i18n.t(Key::ChartView))}>
                <button type="button" class="chart-toggle-button" aria-pressed={(!*table).to_string()}
                    data-testid={format!("view-chart-{name}")} onclick={switch(false)}>{ i18n.t(Key::ChartViewChart) }</button>
                <button type="button" class="chart-toggle-button" aria-pressed={table.to_string()}
                    data-testid={format!("view-table-{name}")} onclick={switch(true)}>{ i18n.t(Key::ChartViewTable) }</button>
            </div>
            <div class="chart-body">{ body }</div>
            if !*table && props.drawing.is_some() && !props.legend.is_empty() {
                <ul class="chart-legend">
                    { for props.legend.iter().map(|(ink, text)| html! {
                        <li><span class={classes!("chart-swatch", ink.class())} aria-hidden="true"></span>{ *text }</li>
                    }) }
                </ul>
            }
            if let Some(note) = &props.note {
                <p class="muted chart-note">{ *note }</p>
            }
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bar(label: &str, value: i64, whole: Option<i64>) -> BarDatum {
        BarDatum {
            label: label.to_owned(),
            value,
            whole,
            text: value.to_string(),
            cells: Vec::new(),
        }
    }

    #[test]
    fn values_scale_in_proportion_and_zero_draws_nothing() {
        assert_eq!(scaled(50, 100, 400), 200);
        assert_eq!(scaled(100, 100, 400), 400);
        assert_eq!(scaled(1, 3, 400), 133);
        assert_eq!(scaled(2, 3, 400), 267);
        // Zero, a negative, all zero: nothing, and never a division by zero.
        assert_eq!(scaled(0, 100, 400), 0);
        assert_eq!(scaled(-5, 100, 400), 0);
        assert_eq!(scaled(0, 0, 400), 0);
        // A tiny value still shows; nothing passes the plot.
        assert_eq!(scaled(1, 1_000_000, 400), 1);
        assert_eq!(scaled(500, 100, 400), 400);
    }

    #[test]
    fn the_axis_rounds_up_to_a_1_2_5_step() {
        assert_eq!(axis(0), (1, 1));
        assert_eq!(axis(1), (1, 1));
        assert_eq!(axis(7), (8, 2));
        assert_eq!(axis(12), (15, 5));
        assert_eq!(axis(20), (20, 5));
        assert_eq!(axis(100), (100, 50));
        assert_eq!(axis(101), (150, 50));
        assert_eq!(axis(1234), (1500, 500));
    }

    #[test]
    fn rates_have_one_decimal_and_none_without_decisions() {
        assert_eq!(rate(2, 3).as_deref(), Some("66.7%"));
        assert_eq!(rate(1, 1).as_deref(), Some("100.0%"));
        assert_eq!(rate(0, 5).as_deref(), Some("0.0%"));
        assert_eq!(rate(1, 8).as_deref(), Some("12.5%"));
        assert_eq!(rate(0, 0), None);
    }

    #[test]
    fn chinese_is_wider_than_latin_and_long_labels_are_shortened() {
        assert_eq!(text_width("工程系列"), 4 * FONT);
        assert_eq!(text_width("12"), 15);
        assert_eq!(fit("工程系列", 100), "工程系列");
        let short = fit("示范市第一人民医院附属口腔医院", 6 * FONT);
        assert!(short.ends_with('…'), "{short}");
        assert!(text_width(&short) <= 6 * FONT, "{short}");
    }

    #[test]
    fn the_largest_bar_fills_the_plot_and_the_others_follow() {
        let data = [
            bar("工程系列", 10, Some(20)),
            bar("卫生系列", 5, Some(10)),
            bar("经济系列", 0, Some(0)),
        ];
        let layout = bar_layout(&data, HALF, false);
        assert_eq!(layout.width, HALF);
        assert_eq!(layout.height, 2 * GAP + 3 * ROW);
        let [a, b, c] = layout.rows.as_slice() else {
            panic!("three rows");
        };
        assert_eq!(a.whole, layout.plot_w);
        // Half of it is half as long (rounded to the viewBox unit).
        assert!((a.value * 2 - a.whole).abs() <= 1);
        assert!((b.whole * 2 - a.whole).abs() <= 1);
        assert_eq!((c.value, c.whole), (0, 0));
        // Rows go down one row height at a time; bars start at the plot; the text follows.
        assert_eq!(b.y - a.y, ROW);
        assert!(layout
            .rows
            .iter()
            .all(|r| r.value_x == layout.plot_x && r.whole_x == layout.plot_x));
        assert_eq!(a.text_x, layout.plot_x + a.whole + GAP);
        assert_eq!(c.text_x, layout.plot_x + GAP);
        // Everything fits in the viewBox.
        assert!(layout.plot_x + layout.plot_w <= HALF);
        assert!(layout.label_x < layout.plot_x);
    }

    #[test]
    fn a_funnel_centres_its_bars_and_aligns_its_texts() {
        let data = [bar("单位内部核验", 8, None), bar("材料接收", 2, None)];
        let layout = bar_layout(&data, HALF, true);
        let [a, b] = layout.rows.as_slice() else {
            panic!("two rows");
        };
        assert_eq!(a.value, layout.plot_w);
        assert!((b.value * 4 - a.value).abs() <= 2);
        let middle = |r: &BarRow| r.value_x + r.value / 2;
        assert!((middle(a) - middle(b)).abs() <= 1);
        assert_eq!(a.text_x, b.text_x);
    }

    #[test]
    fn bars_of_nothing_and_no_bars_at_all() {
        let zeros = [bar("工程系列", 0, Some(0)), bar("卫生系列", 0, None)];
        let layout = bar_layout(&zeros, HALF, false);
        assert!(layout.rows.iter().all(|r| r.value == 0 && r.whole == 0));
        let empty = bar_layout(&[], HALF, true);
        assert!(empty.rows.is_empty());
        assert_eq!(empty.height, 2 * GAP);
        assert!(empty.plot_w > 0);
    }

    #[test]
    fn columns_stand_on_the_baseline_in_proportion() {
        let months: Vec<ColumnDatum> = (1..=12)
            .map(|m| ColumnDatum {
                label: format!("{m}月"),
                name: format!("{m}月"),
                values: vec![if m == 3 {
                    12
                } else if m == 4 {
                    6
                } else {
                    0
                }],
            })
            .collect();
        let layout = column_layout(&months, 1, HALF);
        assert_eq!(layout.groups.len(), 12);
        // 12 → an axis to 15 in steps of 5.
        let values: Vec<i64> = layout.ticks.iter().map(|t| t.0).collect();
        assert_eq!(values, vec![0, 5, 10, 15]);
        assert_eq!(layout.ticks[0].1, layout.baseline);
        assert_eq!(layout.ticks[3].1, layout.baseline - PLOT);
        let march = layout.groups[2].columns[0];
        let april = layout.groups[3].columns[0];
        assert_eq!(march.h, scaled(12, 15, PLOT));
        assert_eq!(march.y + march.h, layout.baseline);
        assert_eq!(april.h * 2, march.h);
        assert_eq!(layout.groups[0].columns[0].h, 0);
        // Left to right, inside the plot, every month labelled, values above the columns.
        assert!(layout.groups.windows(2).all(|w| w[0].centre < w[1].centre));
        assert!(layout.groups.iter().all(|g| g.columns[0].x >= layout.plot_x
            && g.columns[0].x + g.columns[0].w <= layout.plot_right));
        assert!(layout.groups.iter().all(|g| g.label.is_some()));
        assert!(layout.values_shown);
    }

    #[test]
    fn crowded_columns_label_every_few_groups_and_series_sit_side_by_side() {
        let days: Vec<ColumnDatum> = (1..=30)
            .map(|d| ColumnDatum {
                label: format!("11-{d:02}"),
                name: format!("2026-11-{d:02}"),
                values: vec![d, d % 3, 0],
            })
            .collect();
        let layout = column_layout(&days, 3, HALF);
        let labelled = layout.groups.iter().filter(|g| g.label.is_some()).count();
        assert!(labelled > 1 && labelled < 30, "{labelled}");
        assert!(layout.groups[0].label.is_some());
        let g = &layout.groups[29];
        assert_eq!(g.columns.len(), 3);
        assert_eq!(g.columns[1].x, g.columns[0].x + g.columns[0].w);
        assert_eq!(g.columns[0].h, PLOT);
        assert_eq!(g.columns[2].h, 0);
        assert!(!layout.values_shown);
    }

    #[test]
    fn no_columns_and_all_zero_columns_still_have_an_axis() {
        let empty = column_layout(&[], 1, HALF);
        assert!(empty.groups.is_empty());
        assert_eq!(
            empty.ticks,
            vec![(0, empty.baseline), (1, empty.baseline - PLOT)]
        );
        let zeros = [ColumnDatum {
            label: "1月".into(),
            name: "1月".into(),
            values: vec![0],
        }];
        let layout = column_layout(&zeros, 1, HALF);
        assert_eq!(layout.groups[0].columns[0].h, 0);
        assert_eq!(layout.groups[0].columns[0].y, layout.baseline);
    }

    #[test]
    fn the_markup_draws_every_bar_and_escapes_every_text() {
        let data = [
            bar("A&B <研究院>", 3, Some(4)),
            bar("卫生系列", 0, Some(2)),
            bar("经济系列", 0, None),
        ];
        let layout = bar_layout(&data, HALF, false);
        let svg = bar_markup(&layout, &data, "各单位：\"A&B\" 3/4");
        assert!(svg.starts_with("<svg class=\"chart-svg\" viewBox=\"0 0 480 94\" role=\"img\""));
        assert!(
            svg.contains("aria-label=\"各单位：&quot;A&amp;B&quot; 3/4\""),
            "{svg}"
        );
        assert!(svg.contains(">A&amp;B &lt;研究院&gt;</text>"), "{svg}");
        assert!(!svg.contains("<研究院>"));
        // Two bars for the first (the whole and the part), the whole alone for the second,
        // none for a zero.
        assert_eq!(svg.matches("<rect").count(), 3);
        assert_eq!(svg.matches("class=\"ink-main\"").count(), 1);
        assert!(svg.ends_with("</svg>"));
    }

    #[test]
    fn the_column_markup_has_its_axis_and_no_column_for_zero() {
        let months: Vec<ColumnDatum> = (1..=12)
            .map(|m| ColumnDatum {
                label: format!("{m}月"),
                name: format!("{m}月"),
                values: vec![if m == 1 { 5 } else { 0 }],
            })
            .collect();
        let layout = column_layout(&months, 1, HALF);
        let tips: Vec<String> = months.iter().map(|m| m.name.clone()).collect();
        let svg = column_markup(&layout, &[Ink::Main], "每月", &tips);
        assert_eq!(svg.matches("<rect").count(), 1);
        // A tooltip per month; a value above the one column, none above the zeros.
        assert_eq!(svg.matches("<title>").count(), 12);
        assert_eq!(svg.matches("class=\"chart-value\"").count(), 1);
        assert_eq!(svg.matches("class=\"chart-axis\"").count(), 1);
        assert_eq!(
            svg.matches("class=\"chart-rule\"").count(),
            layout.ticks.len()
        );
        assert!(svg.contains(">12月</text>"));
    }

    #[test]
    fn the_table_has_a_row_per_figure_or_the_empty_state() {
        let figures = Figures {
            heads: vec!["职称系列", "通过"],
            rows: vec![vec!["<工程>".into(), "3".into()]],
        };
        let table = table_markup(Locale::ZhCn, "series", "各系列", &figures);
        assert!(table.contains("data-testid=\"chart-table-series\""));
        assert!(
            table.contains("<th scope=\"row\">&lt;工程&gt;</th><td class=\"cell-number\">3</td>")
        );
        let empty = table_markup(
            Locale::ZhCn,
            "series",
            "各系列",
            &Figures {
                heads: vec!["职称系列", "通过"],
                rows: Vec::new(),
            },
        );
        assert!(empty
            .contains("colspan=\"2\" class=\"empty-state\" data-testid=\"table-empty\">暂无数据"));
    }

    #[test]
    fn a_table_row_is_said_with_its_headings() {
        let figures = Figures {
            heads: vec!["日期", "登录", "锁定"],
            rows: vec![vec!["11-04".into(), "3".into(), "0".into()]],
        };
        assert_eq!(
            table_items(Locale::ZhCn, &figures),
            vec!["11-04 登录 3，锁定 0".to_owned()]
        );
        assert_eq!(
            table_items(Locale::En, &figures),
            vec!["11-04 登录 3, 锁定 0".to_owned()]
        );
    }

    #[test]
    fn the_spoken_summary_says_every_item() {
        assert_eq!(
            spoken(
                Locale::ZhCn,
                "各系列通过率",
                &["工程系列 1/2".into(), "卫生系列 0/0".into()]
            ),
            "各系列通过率：工程系列 1/2；卫生系列 0/0"
        );
        assert_eq!(
            spoken(Locale::En, "By series", &[]),
            "By series: No records"
        );
    }
}
