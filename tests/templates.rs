//! Templates: built-in defaults, overrides by name, and errors that name template, line, column.

mod common;

use common::{briefing, read, seeds_project};
use predicates::str::contains;

#[test]
fn a_project_template_overrides_the_builtin_one() {
    let dir = seeds_project();
    std::fs::write(
        dir.path().join("templates/briefing.md"),
        "# {{ title }}\n{% for t in themes %}- {{ t.id }}: {{ t.points | length }}\n{% endfor %}",
    )
    .unwrap();
    briefing(dir.path()).arg("build").assert().success();
    let md = read(dir.path().join("out/briefing.md"));
    assert!(md.starts_with("# Rusia dan Korea Utara"));
    assert!(md.contains("- veto: "));
    assert!(md.contains("- nato-response: "));
}

#[test]
fn builtin_templates_are_used_without_a_templates_folder() {
    let dir = seeds_project();
    std::fs::remove_dir_all(dir.path().join("templates")).unwrap();
    briefing(dir.path()).arg("build").assert().success();
    assert!(read(dir.path().join("out/briefing.html")).contains("<!DOCTYPE html>"));
}

#[test]
fn template_errors_name_template_line_and_column_and_write_nothing() {
    let dir = seeds_project();
    std::fs::write(
        dir.path().join("templates/briefing.html"),
        "<p>\n{{ title }\n</p>\n",
    )
    .unwrap();
    briefing(dir.path())
        .arg("build")
        .assert()
        .code(2)
        .stderr(contains("briefing.html"))
        .stderr(contains(":2:"));
    assert!(!dir.path().join("out").exists(), "nothing written");

    std::fs::write(
        dir.path().join("templates/briefing.html"),
        "<p>\n\n{{ no_such_variable }}</p>\n",
    )
    .unwrap();
    briefing(dir.path())
        .arg("build")
        .assert()
        .code(2)
        .stderr(contains("briefing.html:3:"));
    assert!(!dir.path().join("out").exists(), "nothing written");
}

#[cfg(unix)]
#[test]
fn a_linked_template_is_refused_and_nothing_is_written() {
    let dir = seeds_project();
    std::os::unix::fs::symlink("/proc/self/environ", dir.path().join("templates/env")).unwrap();
    std::fs::write(
        dir.path().join("templates/briefing.md"),
        "{% include \"env\" %}\n",
    )
    .unwrap();
    briefing(dir.path())
        .arg("build")
        .env("BRIEFING_SECRET_TOKEN", "do-not-leak")
        .assert()
        .code(2)
        .stderr(contains("templates/env"))
        .stderr(contains("symbolic link"));
    assert!(!dir.path().join("out").exists());
}

#[test]
fn a_file_that_is_not_text_in_templates_is_not_a_template() {
    let dir = seeds_project();
    std::fs::write(
        dir.path().join("templates/logo.png"),
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe",
    )
    .unwrap();
    briefing(dir.path()).arg("build").assert().success();
    briefing(dir.path()).arg("check").assert().success();
}

#[test]
fn a_template_that_never_ends_is_stopped_with_an_error_naming_it() {
    let dir = seeds_project();
    std::fs::write(
        dir.path().join("templates/briefing.md"),
        "{% for i in range(end=100000) %}{% for j in range(end=100000) %}\
         {% for k in range(end=100000) %}{% endfor %}{% endfor %}{% endfor %}\n",
    )
    .unwrap();
    briefing(dir.path())
        .arg("build")
        .assert()
        .code(2)
        .stderr(contains("template briefing.md"))
        .stderr(contains("range"));
    assert!(!dir.path().join("out").exists());
}

#[test]
fn a_template_whose_page_grows_without_bound_is_stopped() {
    let dir = seeds_project();
    // 100,000 × 100 iterations of a 100-byte line: 1 GB, within the range budget.
    let line = "x".repeat(100);
    std::fs::write(
        dir.path().join("templates/briefing.html"),
        format!(
            "{{% for i in range(end=100000) %}}{{% for j in range(end=100) %}}{line}\
             {{% endfor %}}{{% endfor %}}\n"
        ),
    )
    .unwrap();
    briefing(dir.path())
        .arg("build")
        .assert()
        .code(2)
        .stderr(contains("template briefing.html"))
        .stderr(contains("larger than"));
    assert!(!dir.path().join("out").exists());
}

/// An article's theme tags and the overview's cells are looked up by id, not by scanning every
/// theme for each tag: with n themes that scan made rendering n² per article (4,000 themes over
/// 1,000 articles took over five minutes). A comprehension over the themes filtered by a tag's
/// id is the shape that did it.
#[test]
fn the_default_templates_scan_no_theme_list_per_tag() {
    for name in ["briefing.md", "briefing.html"] {
        let text = read(common::repo().join("templates").join(name));
        for (i, line) in text.lines().enumerate() {
            let scan = line.contains(" in themes if ") || line.contains(" in article.themes if ");
            assert!(!scan, "templates/{name}:{}: {line}", i + 1);
        }
    }
}
