//! The CHIME chart: a small SVG drawn on the server from numbers alone (no
//! text from people goes into it), with a data table beside it for screen readers.

use hearth_domain::training::ChimeScores;

/// Colour and dash pattern per theme, so lines differ by more than colour.
pub const THEME_STYLES: [(&str, &str); 5] = [
    ("#8a3b12", ""),
    ("#1d4ed8", "6 3"),
    ("#047857", "2 3"),
    ("#6d28d9", "9 3 2 3"),
    ("#a16207", "1 4"),
];

const WIDTH: f64 = 320.0;
const HEIGHT: f64 = 180.0;
const LEFT: f64 = 26.0;
const RIGHT: f64 = 10.0;
const TOP: f64 = 10.0;
const BOTTOM: f64 = 14.0;

fn y_for(score: u8) -> f64 {
    let span = HEIGHT - TOP - BOTTOM;
    TOP + span * (5.0 - f64::from(score)) / 4.0
}

fn x_for(index: usize, count: usize) -> f64 {
    let span = WIDTH - LEFT - RIGHT;
    if count <= 1 {
        LEFT + span / 2.0
    } else {
        LEFT + span * index as f64 / (count - 1) as f64
    }
}

/// The SVG for reflections in time order; `labelled_by` names the caption's id.
pub fn chime_svg(entries: &[ChimeScores], labelled_by: &str) -> String {
    let mut svg = format!(
        "<svg class=\"chime-chart\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"img\" aria-labelledby=\"{labelled_by}\" xmlns=\"http://www.w3.org/2000/svg\">"
    );
    for score in 1..=5u8 {
        let y = y_for(score);
        svg.push_str(&format!(
            "<line x1=\"{LEFT}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" stroke=\"#d6d3d1\" stroke-width=\"1\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"end\" fill=\"#57534e\">{score}</text>",
            WIDTH - RIGHT,
            LEFT - 8.0,
            y + 4.0
        ));
    }
    for (theme, (colour, dash)) in THEME_STYLES.iter().enumerate() {
        let points: Vec<String> = entries
            .iter()
            .enumerate()
            .map(|(i, e)| format!("{:.1},{:.1}", x_for(i, entries.len()), y_for(e.0[theme])))
            .collect();
        let dash = if dash.is_empty() {
            String::new()
        } else {
            format!(" stroke-dasharray=\"{dash}\"")
        };
        svg.push_str(&format!(
            "<polyline points=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2.5\"{dash}/>",
            points.join(" ")
        ));
        for point in &points {
            if let Some((x, y)) = point.split_once(',') {
                svg.push_str(&format!(
                    "<circle cx=\"{x}\" cy=\"{y}\" r=\"3\" fill=\"{colour}\"/>"
                ));
            }
        }
    }
    svg.push_str("</svg>");
    svg
}

/// A short line in a theme's style, for the legend.
pub fn legend_swatch(theme: usize) -> String {
    let (colour, dash) = THEME_STYLES[theme % THEME_STYLES.len()];
    let dash = if dash.is_empty() {
        String::new()
    } else {
        format!(" stroke-dasharray=\"{dash}\"")
    };
    format!(
        "<svg width=\"28\" height=\"10\" aria-hidden=\"true\" focusable=\"false\"><line x1=\"0\" y1=\"5\" x2=\"28\" y2=\"5\" stroke=\"{colour}\" stroke-width=\"3\"{dash}/></svg>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_chart_has_a_line_per_theme_and_a_point_per_reflection() {
        let svg = chime_svg(
            &[ChimeScores([1, 2, 3, 4, 5]), ChimeScores([5, 5, 5, 5, 5])],
            "cap",
        );
        assert_eq!(svg.matches("<polyline").count(), 5);
        assert_eq!(svg.matches("<circle").count(), 10);
        assert!(svg.contains("aria-labelledby=\"cap\""));
        // A score of 5 sits at the top line, 1 at the bottom.
        assert!(svg.contains(&format!("{:.1}", y_for(5))));
    }
}

// --- report charts: bars and lines drawn from counts, labelled with names
// of kinds, sites and months (escaped, as they may be typed by people) ---

/// Escapes text for SVG (and HTML: the readable export uses it too).
pub(crate) fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// One bar: its label, its value (`None` when the count is hidden) and the
/// text written beside it.
pub struct Bar {
    pub label: String,
    pub value: Option<i64>,
    pub shown: String,
}

const BAR_ROW: f64 = 40.0;

/// The length of a hidden ("fewer than 5") bar: a short stub.
const HIDDEN_BAR: f64 = 16.0;

/// Horizontal bars, each under its label, so long names fit a phone.
///
/// A hidden count (`value: None`, "fewer than 5") is drawn as an outlined,
/// striped stub of one fixed length, whatever the count behind it: a bar
/// scaled to it would give away the number the table hides, and leaving
/// it out would read as "none". The stub is never longer than a bar of 5
/// would be on the same scale (so it never looks bigger than the smallest
/// count shown), and never shorter than its outline, so it stays visible.
/// Its length depends on the chart's largest shown count only.
pub fn bar_svg(bars: &[Bar], labelled_by: &str) -> String {
    let max = bars
        .iter()
        .filter_map(|b| b.value)
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let height = (bars.len().max(1) as f64) * BAR_ROW + 4.0;
    let span = WIDTH - RIGHT - 60.0;
    let hidden = HIDDEN_BAR.min(span * 5.0 / max).max(4.0);
    let (colour, _) = THEME_STYLES[0];
    let hatch = format!("{labelled_by}-hatch");
    let mut svg = format!(
        "<svg class=\"report-chart\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" aria-labelledby=\"{labelled_by}\" xmlns=\"http://www.w3.org/2000/svg\">"
    );
    if bars.iter().any(|b| b.value.is_none()) {
        svg.push_str(&format!(
            "<defs><pattern id=\"{hatch}\" width=\"4\" height=\"4\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">\
             <path d=\"M0 0V4\" stroke=\"{colour}\" stroke-width=\"1.5\"/></pattern></defs>"
        ));
    }
    for (i, bar) in bars.iter().enumerate() {
        let top = i as f64 * BAR_ROW;
        let (width, look) = match bar.value {
            Some(v) => (span * v as f64 / max, format!("fill=\"{colour}\"")),
            None => (
                hidden,
                format!(
                    "fill=\"url(#{hatch})\" stroke=\"{colour}\" stroke-width=\"1.5\" class=\"hidden-count\""
                ),
            ),
        };
        svg.push_str(&format!(
            "<text x=\"0\" y=\"{:.1}\" font-size=\"11\" fill=\"#292524\">{}</text>\
             <rect x=\"0\" y=\"{:.1}\" width=\"{width:.1}\" height=\"16\" {look} rx=\"2\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" fill=\"#292524\">{}</text>",
            top + 12.0,
            escape(&bar.label),
            top + 16.0,
            width + 4.0,
            top + 28.0,
            escape(&bar.shown),
        ));
    }
    svg.push_str("</svg>");
    svg
}

/// Lines over labelled points (months); each series is drawn in a theme's
/// style so they differ by more than colour. Hidden values break the line.
pub fn line_svg(labels: &[String], series: &[Vec<Option<i64>>], labelled_by: &str) -> String {
    let max = series
        .iter()
        .flatten()
        .flatten()
        .copied()
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let (left, bottom) = (34.0, 30.0);
    let span_y = HEIGHT - TOP - bottom;
    let y_for = |v: i64| TOP + span_y * (1.0 - v as f64 / max);
    // Room on the right for the last month's label, centred on its point.
    let x_for = |i: usize| {
        let span = WIDTH - left - 24.0;
        if labels.len() <= 1 {
            left + span / 2.0
        } else {
            left + span * i as f64 / (labels.len() - 1) as f64
        }
    };
    let mut svg = format!(
        "<svg class=\"report-chart\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"img\" aria-labelledby=\"{labelled_by}\" xmlns=\"http://www.w3.org/2000/svg\">"
    );
    for value in [0, max as i64] {
        let y = y_for(value);
        svg.push_str(&format!(
            "<line x1=\"{left}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" stroke=\"#d6d3d1\" stroke-width=\"1\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"end\" fill=\"#57534e\">{value}</text>",
            WIDTH - RIGHT,
            left - 6.0,
            y + 4.0
        ));
    }
    // Every label when they fit, else every other one.
    let step = if labels.len() > 6 { 2 } else { 1 };
    for (i, label) in labels.iter().enumerate().step_by(step) {
        svg.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\" text-anchor=\"middle\" fill=\"#57534e\">{}</text>",
            x_for(i),
            HEIGHT - 10.0,
            escape(label)
        ));
    }
    for (s, values) in series.iter().enumerate() {
        let (colour, dash) = THEME_STYLES[s % THEME_STYLES.len()];
        let dash = if dash.is_empty() {
            String::new()
        } else {
            format!(" stroke-dasharray=\"{dash}\"")
        };
        let mut run: Vec<String> = Vec::new();
        let flush = |run: &mut Vec<String>, svg: &mut String| {
            if run.len() > 1 {
                svg.push_str(&format!(
                    "<polyline points=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2.5\"{dash}/>",
                    run.join(" ")
                ));
            }
            run.clear();
        };
        for (i, value) in values.iter().enumerate() {
            match value {
                Some(v) => {
                    let (x, y) = (x_for(i), y_for(*v));
                    run.push(format!("{x:.1},{y:.1}"));
                    svg.push_str(&format!(
                        "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"3\" fill=\"{colour}\"/>"
                    ));
                }
                None => flush(&mut run, &mut svg),
            }
        }
        flush(&mut run, &mut svg);
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod report_chart_tests {
    use super::*;

    #[test]
    fn bars_are_scaled_to_the_largest_and_labels_are_escaped() {
        let svg = bar_svg(
            &[
                Bar {
                    label: "A & <B>".into(),
                    value: Some(10),
                    shown: "10".into(),
                },
                Bar {
                    label: "C".into(),
                    value: Some(5),
                    shown: "5".into(),
                },
                Bar {
                    label: "D".into(),
                    value: None,
                    shown: "fewer than 5".into(),
                },
            ],
            "cap",
        );
        assert!(svg.contains("A &amp; &lt;B&gt;"));
        assert_eq!(svg.matches("<rect").count(), 3);
        let full = WIDTH - RIGHT - 60.0;
        assert!(svg.contains(&format!("width=\"{full:.1}\"")));
        assert!(svg.contains(&format!("width=\"{:.1}\"", full / 2.0)));
        assert!(svg.contains("fewer than 5"));
        // The hidden one is a striped stub, the same whatever it hides.
        assert!(svg.contains(&format!(
            "width=\"{HIDDEN_BAR:.1}\" height=\"16\" fill=\"url(#cap-hatch)\""
        )));
        assert_eq!(svg.matches("<pattern id=\"cap-hatch\"").count(), 1);
    }

    #[test]
    fn a_hidden_bar_never_looks_bigger_than_a_shown_5() {
        let bar = |value: Option<i64>| Bar {
            label: "x".into(),
            value,
            shown: String::new(),
        };
        let span = WIDTH - RIGHT - 60.0;
        let svg = bar_svg(&[bar(Some(500)), bar(None)], "cap");
        assert!(
            svg.contains("width=\"4.0\" height=\"16\" fill=\"url(#cap-hatch)\""),
            "{svg}"
        );
        assert!(svg.contains(&format!("width=\"{span:.1}\"")));
        // None hidden: no pattern.
        assert!(!bar_svg(&[bar(Some(3))], "cap").contains("<pattern"));
    }

    #[test]
    fn a_hidden_value_breaks_the_line() {
        let labels: Vec<String> = ["2026-01", "2026-02", "2026-03", "2026-04"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
        let svg = line_svg(&labels, &[vec![Some(1), Some(2), None, Some(4)]], "cap");
        assert_eq!(svg.matches("<polyline").count(), 1);
        assert_eq!(svg.matches("<circle").count(), 3);
        assert!(svg.contains("2026-03"));
    }
}
