//! A heat map drawn on the server: rows (weekdays) by columns (hours), each
//! cell shaded by its count and labelled with it, so it reads without colour.
//! Hidden small counts are drawn pale and labelled "<5".

/// One cell: its value (`None` when hidden) and the text written in it.
pub struct Cell {
    pub value: Option<i64>,
    pub shown: String,
}

const LABEL_WIDTH: f64 = 34.0;
const HEAD: f64 = 16.0;
const ROW: f64 = 22.0;
const COLOUR: &str = "#8a3b12";

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// `rows` are (label, cells); `columns` label the cells across.
pub fn heat_svg(columns: &[String], rows: &[(String, Vec<Cell>)], labelled_by: &str) -> String {
    let width = 320.0;
    let cell_width = (width - LABEL_WIDTH) / columns.len().max(1) as f64;
    let height = HEAD + ROW * rows.len() as f64 + 2.0;
    let max = rows
        .iter()
        .flat_map(|(_, cells)| cells.iter().filter_map(|c| c.value))
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let font = if cell_width < 16.0 { 7 } else { 10 };
    let mut svg = format!(
        "<svg class=\"report-chart heat-map\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-labelledby=\"{labelled_by}\" xmlns=\"http://www.w3.org/2000/svg\">"
    );
    for (i, column) in columns.iter().enumerate() {
        let x = LABEL_WIDTH + cell_width * (i as f64 + 0.5);
        svg.push_str(&format!(
            "<text x=\"{x:.1}\" y=\"11\" font-size=\"{font}\" text-anchor=\"middle\" fill=\"#57534e\">{}</text>",
            escape(column)
        ));
    }
    for (r, (label, cells)) in rows.iter().enumerate() {
        let top = HEAD + ROW * r as f64;
        svg.push_str(&format!(
            "<text x=\"0\" y=\"{:.1}\" font-size=\"10\" fill=\"#292524\">{}</text>",
            top + 14.0,
            escape(label)
        ));
        for (i, cell) in cells.iter().enumerate() {
            let x = LABEL_WIDTH + cell_width * i as f64;
            let (fill, opacity, ink) = match cell.value {
                Some(0) => ("#f5f5f4", 1.0, "#a8a29e"),
                Some(v) => {
                    let share = v as f64 / max;
                    let ink = if share > 0.5 { "#ffffff" } else { "#292524" };
                    (COLOUR, 0.15 + 0.85 * share, ink)
                }
                None => ("#e7e5e4", 1.0, "#292524"),
            };
            svg.push_str(&format!(
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{fill}\" fill-opacity=\"{opacity:.2}\" rx=\"2\"/>\
                 <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"{font}\" text-anchor=\"middle\" fill=\"{ink}\">{}</text>",
                x + 1.0,
                top + 1.0,
                cell_width - 2.0,
                ROW - 2.0,
                x + cell_width / 2.0,
                top + 14.0,
                escape(&cell.shown)
            ));
        }
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cell_is_drawn_and_labelled() {
        let columns = vec!["10".to_owned(), "11".to_owned()];
        let rows = vec![
            (
                "Mon".to_owned(),
                vec![
                    Cell {
                        value: Some(7),
                        shown: "7".to_owned(),
                    },
                    Cell {
                        value: None,
                        shown: "<5".to_owned(),
                    },
                ],
            ),
            (
                "Tue".to_owned(),
                vec![
                    Cell {
                        value: Some(0),
                        shown: "0".to_owned(),
                    },
                    Cell {
                        value: Some(12),
                        shown: "12".to_owned(),
                    },
                ],
            ),
        ];
        let svg = heat_svg(&columns, &rows, "cap");
        assert_eq!(svg.matches("<rect").count(), 4);
        assert!(svg.contains("&lt;5"));
        assert!(svg.contains(">12<"));
        assert!(svg.contains("aria-labelledby=\"cap\""));
        // The largest count is the darkest cell.
        assert!(svg.contains("fill-opacity=\"1.00\""));
    }
}
