//! The switch of outputs: atomic, compared as made, and written into a spare's blocks.

use super::*;

#[test]
fn writes_atomically_and_reports_staleness() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let text = |s: &str| Contents::Text(s.to_string());
    let files = vec![("a.md", text("one\ntwo\n")), ("b.json", text("{}\n"))];
    write_all(&out, &files, &|_| None).unwrap();
    std::fs::write(out.join("keep.txt"), "mine").unwrap();
    assert!(stale(&out, &files).is_empty());
    let changed = vec![("a.md", text("one\nthree\n")), ("c.html", text(""))];
    let report = stale(&out, &changed);
    assert_eq!(report[0].0, "a.md");
    assert!(matches!(&report[0].1, Staleness::Differs(s) if s.contains("first at line 2")));
    assert_eq!(report[1], ("c.html".to_string(), Staleness::Missing));
    write_all(&out, &changed, &|_| None).unwrap();
    let names: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names.len(), 4, "no temporary files left: {names:?}");
    assert_eq!(
        std::fs::read_to_string(out.join("keep.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn streamed_contents_are_written_hashed_and_compared_as_made() {
    let dir = tempfile::tempdir().unwrap();
    let text = "line\n".repeat(50_000);
    let streamed = |text: String| {
        Contents::Streamed(Box::new(move |out: &mut (dyn Write + Send)| {
            // In pieces, as the JSON writer does.
            text.as_bytes()
                .chunks(4096)
                .try_for_each(|piece| out.write_all(piece))
        }))
    };
    let files = vec![("big.json", streamed(text.clone()))];
    let written = write_all(dir.path(), &files, &|_| None).unwrap();
    assert_eq!(
        std::fs::read_to_string(&written.files[0].path).unwrap(),
        text
    );
    assert_eq!(written.files[0].hash, Digest::of(text.as_bytes()));
    assert!(stale(dir.path(), &files).is_empty());
    let mut changed = text.clone().into_bytes();
    changed[123_456] = b'X';
    for other in [
        String::from_utf8(changed).unwrap(),
        format!("{text}more\n"),
        text[..text.len() - 5].to_string(),
    ] {
        let report = stale(dir.path(), &[("big.json", streamed(other))]);
        assert!(
            matches!(&report[..], [(name, Staleness::Differs(_))] if name == "big.json"),
            "{report:?}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_large_output_is_written_into_the_blocks_of_the_one_it_replaced_two_builds_before() {
    let dir = tempfile::tempdir().unwrap();
    let (out, cache) = (dir.path().join("out"), dir.path().join("cache"));
    std::fs::create_dir(&cache).unwrap();
    let spare = |name: &str| Some(cache.join(format!("spare-{name}")));
    let large =
        |fill: u8, len: u64| Contents::Text(String::from(fill as char).repeat(len as usize));
    let sizes = [
        disk::SPARE_MIN + 10,
        disk::SPARE_MIN * 2,
        disk::SPARE_MIN + 1,
    ];
    for (build, (fill, len)) in [b'a', b'b', b'c'].into_iter().zip(sizes).enumerate() {
        let files = [("big.json", large(fill, len)), ("a.md", large(fill, 10))];
        drop(write_all(&out, &files, &spare).unwrap());
        let json = std::fs::read(out.join("big.json")).unwrap();
        assert_eq!(json.len() as u64, len, "build {build}");
        assert!(json.iter().all(|&b| b == fill), "build {build}");
        assert_eq!(std::fs::read(out.join("a.md")).unwrap(), vec![fill; 10]);
        let mut names: Vec<String> = std::fs::read_dir(&cache)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        // The output replaced is the spare; a small one is not kept.
        let expected: &[&str] = if build == 0 { &[] } else { &["spare-big.json"] };
        assert_eq!(names, expected, "build {build}");
        assert_eq!(
            std::fs::read_dir(&out).unwrap().count(),
            2,
            "no temporary files left"
        );
    }
}

#[test]
fn contents_that_fail_with_the_tools_error_fail_the_write_with_it_and_replace_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let text = |s: &str| Contents::Text(s.to_string());
    write_all(
        dir.path(),
        &[("a.md", text("old a")), ("b.json", text("old b"))],
        &|_| None,
    )
    .unwrap();
    let failing = Contents::Streamed(Box::new(|out: &mut (dyn Write + Send)| {
        out.write_all(b"half")?;
        Err(io::Error::other(Error::Template {
            name: "a.md".into(),
            message: "does not render".into(),
        }))
    }));
    let big = "x".repeat(1 << 20);
    let failed = [("a.md", failing), ("b.json", text(&big))];
    let Err(err) = write_all(dir.path(), &failed, &|_| None) else {
        panic!("a failed page must fail the write");
    };
    assert!(
        matches!(&err, Error::Template { name, .. } if name == "a.md"),
        "{err:?}"
    );
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["a.md", "b.json"], "no temporary files left");
    let fresh = dir.path().join("new/out");
    let Err(_) = write_all(&fresh, &failed, &|_| None) else {
        panic!("a failed page must fail the write");
    };
    assert!(
        !dir.path().join("new").exists(),
        "the folders made go again"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.md")).unwrap(),
        "old a"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("b.json")).unwrap(),
        "old b"
    );
}
