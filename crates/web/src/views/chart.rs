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
