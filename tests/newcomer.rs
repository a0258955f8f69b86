//! The small things a newcomer hits: what `check` tells them to run, options that did nothing,
//! configuration values that were not checked, templates that were silently ignored.

mod common;

use common::{briefing, read, seeds_project};

#[test]
fn check_suggests_the_build_with_the_same_project_and_config() {
    let dir = seeds_project();
    let project = dir.path().join("my project");
    std::fs::create_dir(&project).unwrap();
    std::fs::rename(dir.path().join("seeds"), project.join("seeds")).unwrap();
    let config = project.join("other.toml");
    std::fs::rename(dir.path().join("briefing.toml"), &config).unwrap();
    let output = briefing(dir.path())
        .args(["check", "-C", "my project", "--config"])
        .arg(&config)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let suggested = format!(
        "run `briefing build -C 'my project' --config '{}'` to bring it up to date",
        config.display()
    );
    assert!(stderr.contains(&suggested), "{stderr}");
    // And the suggestion works.
    briefing(dir.path())
        .args(["build", "-q", "-C", "my project", "--config"])
        .arg(&config)
        .assert()
        .success();
    briefing(dir.path())
        .args(["check", "-C", "my project", "--config"])
        .arg(&config)
        .assert()
        .success();
}

#[test]
fn options_that_did_nothing_are_gone_and_check_verbose_names_the_articles() {
    let help = |args: &[&str]| {
        let out = briefing(std::path::Path::new("."))
            .args(args)
            .arg("--help")
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    assert!(!help(&["watch"]).contains("--from-jsonl"));
    assert!(!help(&["serve"]).contains("--from-jsonl"));
    assert!(!help(&["check"]).contains("--no-cache"));
    assert!(help(&["build"]).contains("--no-cache"));
    assert!(help(&["build"]).contains("--from-jsonl"));
    briefing(std::path::Path::new("."))
        .args(["watch", "--from-jsonl", "x.jsonl"])
        .assert()
        .code(2);
    let dir = seeds_project();
    briefing(dir.path())
        .args(["build", "-q"])
        .assert()
        .success();
    let out = briefing(dir.path()).args(["check", "-v"]).output().unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr
            .lines()
            .filter(|l| l.starts_with("processed "))
            .count(),
        std::fs::read_dir(dir.path().join("seeds")).unwrap().count(),
        "{stderr}"
    );
}

#[test]
fn a_bad_date_or_a_negative_weight_is_refused_naming_the_line() {
    let dir = seeds_project();
    let config = dir.path().join("briefing.toml");
    let original = read(&config);
    let dated = original.replacen(
        "output = \"out\"\n",
        "output = \"out\"\ndate = \"2024-02-30\"\n",
        1,
    );
    std::fs::write(&config, &dated).unwrap();
    let line = dated.lines().position(|l| l.starts_with("date")).unwrap() + 1;
    let out = briefing(dir.path()).arg("build").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("line {line}")) && stderr.contains("YYYY-MM-DD"),
        "{stderr}"
    );
    let weighted = original.replacen("[summary]\n", "[summary]\nweights = { quote = -0.5 }\n", 1);
    std::fs::write(&config, &weighted).unwrap();
    let line = weighted
        .lines()
        .position(|l| l.starts_with("weights"))
        .unwrap()
        + 1;
    let out = briefing(dir.path()).arg("build").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("line {line}")) && stderr.contains("summary.weights.quote"),
        "{stderr}"
    );
    assert!(!dir.path().join("out").exists());
}

#[test]
fn errors_are_coloured_only_on_request_of_a_terminal() {
    // Not a terminal (a pipe): plain labels, whatever NO_COLOR says.
    let dir = tempfile::tempdir().unwrap();
    let out = briefing(dir.path()).arg("build").output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert!(!stderr.contains('\u{1b}'), "{stderr}");
    // Forced (CLICOLOR_FORCE, as for clap): the label is coloured, the message is not.
    let out = briefing(dir.path())
        .arg("build")
        .env("CLICOLOR_FORCE", "1")
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("\u{1b}[1m\u{1b}[31merror:\u{1b}[0m "),
        "{stderr:?}"
    );
    let out = briefing(dir.path())
        .arg("build")
        .env("CLICOLOR_FORCE", "1")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stderr).contains('\u{1b}'));
}

#[test]
fn a_theme_description_is_markdown_in_both_pages_and_never_raw_html() {
    let dir = seeds_project();
    let config = dir.path().join("briefing.toml");
    let text = read(&config).replacen(
        "description = \"Dewan Keamanan PBB, veto Rusia, sanksi dan panel ahli yang memantaunya.\"",
        "description = \"The **veto** and [the UN](https://un.org) <script>alert(1)</script> [x](javascript:alert(2))\"",
        1,
    );
    assert!(text.contains("**veto**"));
    std::fs::write(&config, text).unwrap();
    briefing(dir.path())
        .args(["build", "-q"])
        .assert()
        .success();
    let md = read(dir.path().join("out/briefing.md"));
    assert!(
        md.contains("The **veto** and [the UN](https://un.org) \\<script>alert(1)\\</script>"),
        "{md}"
    );
    let html = read(dir.path().join("out/briefing.html"));
    assert!(html.contains("The <strong>veto</strong> and <a href=\"https://un.org\">the UN</a>"));
    assert!(!html.contains("<script"));
    assert!(!html.contains("javascript:"));
}

#[test]
fn templates_get_the_summary_without_indexing_and_misnamed_ones_are_warned_about() {
    let dir = seeds_project();
    let templates = dir.path().join("templates");
    std::fs::write(
        templates.join("briefing.md"),
        "{% for article in articles %}{{ article | summary_text }}\n\
         {% for s in article | summary_sentences %}- {{ s.text }}\n{% endfor %}{% endfor %}\
         {% include \"partial.md\" %}",
    )
    .unwrap();
    std::fs::write(templates.join("partial.md"), "end\n").unwrap();
    std::fs::write(templates.join("Briefing.html"), "<p>{{ title }}</p>").unwrap();
    let out = briefing(dir.path()).arg("build").output().unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("Briefing.html: this template is not used")
            && stderr.contains("briefing.md, briefing.html, briefing.css"),
        "{stderr}"
    );
    assert!(!stderr.contains("partial.md"), "{stderr}");
    let json: serde_json::Value =
        serde_json::from_str(&read(dir.path().join("out/briefing.json"))).unwrap();
    let first = &json["articles"][0];
    let summary: Vec<&str> = first["summary"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            first["sentences"][i.as_u64().unwrap() as usize]["text"]
                .as_str()
                .unwrap()
        })
        .collect();
    let md = read(dir.path().join("out/briefing.md"));
    let mut lines = md.lines();
    let expected_text = summary.join(" ").replace('*', "\\*").replace('_', "\\_");
    assert_eq!(lines.next(), Some(expected_text.as_str()));
    assert_eq!(lines.next().map(|l| l.starts_with("- ")), Some(true));
    assert!(md.ends_with("end\n"));
}

#[test]
fn the_html_shows_every_point_a_theme_has_the_rest_collapsed() {
    let dir = seeds_project();
    briefing(dir.path())
        .args(["build", "-q"])
        .assert()
        .success();
    let json: serde_json::Value =
        serde_json::from_str(&read(dir.path().join("out/briefing.json"))).unwrap();
    let html = read(dir.path().join("out/briefing.html"));
    for theme in json["themes"].as_array().unwrap() {
        let id = theme["id"].as_str().unwrap();
        let start = html
            .find(&format!("<section class=\"theme\" id=\"theme-{id}\">"))
            .unwrap();
        let section = &html[start..start + html[start..].find("</section>").unwrap()];
        let points = theme["points"].as_array().unwrap().len();
        assert_eq!(
            section.matches("<span class=\"cite\">").count(),
            points,
            "{id}"
        );
        assert_eq!(
            section.contains("<details class=\"more-points\">"),
            points > 6,
            "{id}"
        );
        assert!(!section.contains("more points in briefing.json"));
    }
}
