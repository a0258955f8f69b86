//! What the templates see of a briefing ([`Page`]): the model cut to what a page can show.

use crate::model::{
    Article, Briefing, ChangedArticle, Changes, Event, LearnedWord, Point, SourceRef, Stats,
    TermUse, Theme, ThemeQuote,
};

/// What the templates see: the model, cut to what a page can show, so that an archive of a
/// million articles costs the templates no more than the entries they render: the article
/// entries the briefing shows (the first `articles_shown`), and of each long list at most
/// [`PAGE_LIST`] items (a theme's points and articles, the strongest; the timeline, the latest),
/// with the full counts beside them. `briefing.json` keeps everything.
#[derive(serde::Serialize)]
pub(super) struct Page<'a> {
    schema: u32,
    title: &'a str,
    generated: &'a Option<String>,
    language: &'a str,
    stats: &'a Stats,
    articles_shown: usize,
    changes: PageChanges<'a>,
    themes: Vec<PageTheme<'a>>,
    articles: &'a [Article],
    timeline: &'a [Event],
    timeline_total: usize,
}

/// The most items of one list a page's context carries.
pub const PAGE_LIST: usize = 1000;

/// What changed, as the templates see it: each list at most [`PAGE_LIST`] long (a rebuild of an
/// archive may add a million articles), with the full counts in `totals` (`added`, `updated`,
/// `removed`) and each theme's `new_points_total`.
#[derive(serde::Serialize)]
struct PageChanges<'a> {
    compared: bool,
    added: &'a [ChangedArticle],
    updated: &'a [ChangedArticle],
    removed: &'a [ChangedArticle],
    themes: Vec<PageThemeChange<'a>>,
    totals: ChangeTotals,
}

/// The full lengths of the lists of [`PageChanges`].
#[derive(serde::Serialize)]
struct ChangeTotals {
    added: usize,
    updated: usize,
    removed: usize,
}

/// A theme's new points, as the templates see them (see [`PageChanges`]).
#[derive(serde::Serialize)]
struct PageThemeChange<'a> {
    id: &'a str,
    new_points: &'a [String],
    new_points_total: usize,
}

impl<'a> PageChanges<'a> {
    fn of(changes: &'a Changes) -> PageChanges<'a> {
        let Changes {
            compared,
            added,
            updated,
            removed,
            themes,
        } = changes;
        let cut = |list: &'a [ChangedArticle]| &list[..list.len().min(PAGE_LIST)];
        PageChanges {
            compared: *compared,
            added: cut(added),
            updated: cut(updated),
            removed: cut(removed),
            themes: themes
                .iter()
                .map(|t| PageThemeChange {
                    id: &t.id,
                    new_points: &t.new_points[..t.new_points.len().min(PAGE_LIST)],
                    new_points_total: t.new_points.len(),
                })
                .collect(),
            totals: ChangeTotals {
                added: added.len(),
                updated: updated.len(),
                removed: removed.len(),
            },
        }
    }
}

/// The most sources of one point a page's context carries: a page cites a dozen per point, and
/// a thousand points of wire copy citing thousands of articles each would otherwise be millions
/// of template values.
pub const PAGE_SOURCES: usize = 100;

/// A theme point as the templates see it: at most [`PAGE_SOURCES`] of its sources (a point of
/// wire copy cites thousands of articles), with the full count beside them.
#[derive(serde::Serialize)]
struct PagePoint<'a> {
    text: &'a str,
    score: f64,
    sources: &'a [SourceRef],
    sources_total: usize,
}

impl<'a> PagePoint<'a> {
    fn of(point: &'a Point) -> PagePoint<'a> {
        let Point {
            text,
            score,
            sources,
        } = point;
        PagePoint {
            text,
            score: *score,
            sources: &sources[..sources.len().min(PAGE_SOURCES)],
            sources_total: sources.len(),
        }
    }
}

/// A theme section as the templates see it (see [`Page`]).
#[derive(serde::Serialize)]
struct PageTheme<'a> {
    id: &'a str,
    title: &'a str,
    description: &'a Option<String>,
    articles: &'a [std::sync::Arc<str>],
    articles_total: usize,
    numbers: &'a [usize],
    sentences: usize,
    terms: &'a [TermUse],
    learned: &'a [LearnedWord],
    points: Vec<PagePoint<'a>>,
    points_total: usize,
    shown: usize,
    quotes: &'a [ThemeQuote],
}

impl<'a> Page<'a> {
    pub(super) fn of(briefing: &'a Briefing) -> Page<'a> {
        // Exhaustive, so a new field of the model cannot be forgotten here.
        let Briefing {
            schema,
            title,
            generated,
            language,
            stats,
            articles_shown,
            changes,
            themes,
            articles,
            timeline,
        } = briefing;
        Page {
            changes: PageChanges::of(changes),
            schema: *schema,
            title,
            generated,
            language,
            stats,
            articles_shown: *articles_shown,
            themes: themes.iter().map(PageTheme::of).collect(),
            articles: articles.first(*articles_shown),
            timeline: &timeline[timeline.len().saturating_sub(PAGE_LIST)..],
            timeline_total: timeline.len(),
        }
    }
}

impl<'a> PageTheme<'a> {
    fn of(theme: &'a Theme) -> PageTheme<'a> {
        let Theme {
            id,
            title,
            description,
            articles,
            numbers,
            sentences,
            terms,
            learned,
            points,
            shown,
            quotes,
        } = theme;
        let cut = |n: usize| n.min(PAGE_LIST);
        PageTheme {
            id,
            title,
            description,
            articles: &articles[..cut(articles.len())],
            articles_total: articles.len(),
            numbers: &numbers[..cut(numbers.len())],
            sentences: *sentences,
            terms,
            learned,
            points: points[..cut(points.len())]
                .iter()
                .map(PagePoint::of)
                .collect(),
            points_total: points.len(),
            shown: *shown,
            quotes,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ThemeChange;

    #[test]
    fn a_page_carries_at_most_a_thousand_of_a_list_and_the_full_counts() {
        let mut briefing: Briefing =
            serde_json::from_str(include_str!("../../out/briefing.json")).unwrap();
        let theme = &mut briefing.themes[0];
        let point = theme.points[0].clone();
        theme.points = (0..1500)
            .map(|i| Point {
                text: format!("{i}"),
                ..point.clone()
            })
            .collect();
        // Wire copy: one point cited by 2,500 articles.
        let source = point.sources[0].clone();
        theme.points[1].sources = (1..=2500)
            .map(|number| SourceRef {
                number,
                ..source.clone()
            })
            .collect();
        let event = briefing.timeline[0].clone();
        briefing.timeline = (0..1200)
            .map(|i| Event {
                text: format!("{i}"),
                ..event.clone()
            })
            .collect();
        // A rebuild that adds 1,200 articles and 1,100 points to a theme.
        briefing.changes.compared = true;
        briefing.changes.updated.clear();
        briefing.changes.removed.clear();
        briefing.changes.added = (0..1200)
            .map(|i| ChangedArticle {
                id: format!("{i}"),
                path: format!("{i}.txt"),
                title: format!("{i}"),
                number: Some(i + 1),
            })
            .collect();
        briefing.changes.themes = vec![ThemeChange {
            id: "veto".into(),
            new_points: (0..1100).map(|i| format!("{i}")).collect(),
        }];
        let page = Page::of(&briefing);
        assert_eq!(page.changes.added.len(), PAGE_LIST);
        assert_eq!(page.changes.totals.added, 1200);
        assert_eq!(page.changes.totals.updated, 0);
        assert_eq!(page.changes.themes[0].new_points.len(), PAGE_LIST);
        assert_eq!(page.changes.themes[0].new_points_total, 1100);
        assert_eq!(page.themes[0].points.len(), PAGE_LIST);
        assert_eq!(page.themes[0].points[0].text, "0", "the strongest points");
        assert_eq!(page.themes[0].points_total, 1500);
        let cited = &page.themes[0].points[1];
        assert_eq!(cited.sources.len(), PAGE_SOURCES);
        assert_eq!(cited.sources[0].number, 1, "the sources in order");
        assert_eq!(cited.sources_total, 2500);
        assert_eq!(page.themes[0].points[0].sources_total, point.sources.len());
        assert_eq!(page.timeline.len(), PAGE_LIST);
        assert_eq!(page.timeline[0].text, "200", "the latest events");
        assert_eq!(page.timeline_total, 1200);
        // A short list is whole.
        assert_eq!(page.themes[1].points.len(), briefing.themes[1].points.len());
    }
}
