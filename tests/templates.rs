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
