use super::pack::{self, Index, Location};
use super::*;

fn strings() -> Vec<String> {
    vec!["satu".to_string(), "dua".to_string()]
}

fn messages(cache: &Cache) -> Vec<String> {
    cache
        .take_warnings()
        .into_iter()
        .map(|w| w.message)
        .collect()
}

#[test]
fn a_text_is_found_by_its_hash_checked_when_read_and_dropped_when_damaged() {
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path().join("c");
    let cache = Cache::open(c.clone());
    let text = "{\"id\": \"satu\"}".repeat(100);
    let hash = cache.store_text(text.as_bytes());
    assert_eq!(hash, blake3::hash(text.as_bytes()));
    assert_eq!(
        cache.locate_text(hash.as_bytes()),
        None,
        "not before the commit"
    );
    cache.commit(true);

    let cache = Cache::open(c.clone());
    let at = cache.locate_text(hash.as_bytes()).unwrap();
    assert_eq!(at.len, text.len() as u64);
    let reader = cache.reader().unwrap();
    assert_eq!(
        reader.read_text(&at, hash.as_bytes()).unwrap(),
        text.as_bytes()
    );
    let other = *blake3::hash(b"another text").as_bytes();
    assert_eq!(cache.locate_text(&other), None);
    cache.commit(true);

    // One byte of the text changed: refused when read, and gone after the next commit.
    let pack_path = c.join(pack::pack_name(at.pack));
    let mut bytes = std::fs::read(&pack_path).unwrap();
    bytes[at.offset as usize + 5] ^= 0x20;
    std::fs::write(&pack_path, &bytes).unwrap();
    let cache = Cache::open(c.clone());
    let at = cache.locate_text(hash.as_bytes()).unwrap();
    let e = cache
        .reader()
        .unwrap()
        .read_text(&at, hash.as_bytes())
        .unwrap_err();
    assert_eq!(e.kind(), std::io::ErrorKind::InvalidData);
    assert!(e.get_ref().unwrap().is::<DamagedText>(), "{e}");
    assert!(e.to_string().contains("not the one its entry names"), "{e}");
    cache.commit(false);
    assert_eq!(Cache::open(c).locate_text(hash.as_bytes()), None);
}

#[test]
fn an_entry_is_found_once_committed_and_damage_is_survived() {
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path().join("c");
    let cache = Cache::open(c.clone());
    let key = Cache::key(&[b"a", b"bc"]);
    assert_ne!(key, Cache::key(&[b"ab", b"c"]), "parts are length-prefixed");
    assert_eq!(cache.load::<Vec<String>>(&key), None);
    cache.store(&key, &strings());
    cache.commit(true);
    let cache = Cache::open(c.clone());
    assert_eq!(cache.load::<Vec<String>>(&key), Some(strings()));
    assert_eq!(cache.stats(), (1, 0));

    let at = pack::read_index(&c).unwrap()[key.as_bytes()];
    let pack_path = c.join(pack::pack_name(at.pack));
    let original = std::fs::read(&pack_path).unwrap();
    let (start, end) = (at.offset as usize, (at.offset + at.len) as usize);
    let damaged = |edit: &dyn Fn(&mut Vec<u8>)| {
        let mut bytes = original.clone();
        edit(&mut bytes);
        std::fs::write(&pack_path, &bytes).unwrap();
        let cache = Cache::open(c.clone());
        assert_eq!(cache.load::<Vec<String>>(&key), None);
        assert_eq!(cache.stats(), (0, 1));
        messages(&cache)
    };
    let flipped = damaged(&|b| b[end - 1] ^= 0xFF);
    assert!(flipped[0].contains("not the one written"), "{flipped:?}");
    let other = damaged(&|b| b[start..start + 8].copy_from_slice(b"SOMETHIN"));
    assert!(other[0].contains("not a briefing cache entry"), "{other:?}");
    let cut = damaged(&|b| b.truncate(start + 20));
    assert!(cut[0].contains("cannot be read"), "{cut:?}");

    // An index that says less than an entry's head, or more than any entry may be.
    std::fs::write(&pack_path, &original).unwrap();
    for (len, says) in [(20, "truncated"), (MAX_ENTRY + 1, "over the limit")] {
        let index: Index = [(*key.as_bytes(), Location { len, ..at })]
            .into_iter()
            .collect();
        pack::write_index(&c, &index).unwrap();
        let cache = Cache::open(c.clone());
        assert_eq!(cache.load::<Vec<String>>(&key), None);
        let found = messages(&cache);
        assert!(found[0].contains(says), "{found:?}");
    }
}

#[test]
fn an_entry_is_read_only_for_its_key_in_its_cache() {
    let dir = tempfile::tempdir().unwrap();
    let (here_dir, there_dir) = (dir.path().join("here"), dir.path().join("there"));
    let (a, b) = (Cache::key(&[b"a"]), Cache::key(&[b"b"]));
    let here = Cache::open(here_dir.clone());
    here.store(&a, &"for a".to_string());
    here.commit(true);
    let there = Cache::open(there_dir.clone());
    there.store(&b, &"for b, elsewhere".to_string());
    there.commit(true);
    let mut index = pack::read_index(&here_dir).unwrap();
    let at_a = index[a.as_bytes()];
    // a's entry under b's key.
    index.insert(*b.as_bytes(), at_a);
    pack::write_index(&here_dir, &index).unwrap();
    let here = Cache::open(here_dir.clone());
    assert_eq!(here.load::<String>(&b), None);
    assert_eq!(here.load::<String>(&a).as_deref(), Some("for a"));
    assert_eq!(messages(&here).len(), 1);
    // The other cache's pack and entry for b, copied in.
    let at_b = pack::read_index(&there_dir).unwrap()[b.as_bytes()];
    let name = pack::pack_name(at_b.pack);
    std::fs::copy(there_dir.join(&name), here_dir.join(&name)).unwrap();
    index.insert(*b.as_bytes(), at_b);
    pack::write_index(&here_dir, &index).unwrap();
    let here = Cache::open(here_dir.clone());
    assert_eq!(here.load::<String>(&b), None);
    assert!(messages(&here)[0].contains("not the one written"));
    // A reopened cache keeps its secret.
    let again = Cache::open(here_dir);
    assert_eq!(again.load::<String>(&a).as_deref(), Some("for a"));
}

fn packs_in(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .filter(|e| pack::pack_id(&e.as_ref().unwrap().file_name().to_string_lossy()).is_some())
        .count()
}

#[test]
fn a_build_keeps_what_it_used_and_stored_in_a_few_packs() {
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path().join("c");
    let key = |i: usize| Cache::key(&[&i.to_le_bytes()]);
    let cache = Cache::open(c.clone());
    for i in 0..3 {
        cache.store(&key(i), &format!("entry {i}"));
    }
    cache.commit(true);
    // The next build uses entry 0 only and stores entry 3: 1 and 2 are gone, and so is the
    // first pack, mostly dead (entry 0 was copied out of it).
    let cache = Cache::open(c.clone());
    assert!(cache.load::<String>(&key(0)).is_some());
    cache.store(&key(3), &"entry 3".to_string());
    cache.commit(true);
    let cache = Cache::open(c.clone());
    assert_eq!(cache.load::<String>(&key(1)), None);
    assert_eq!(cache.load::<String>(&key(0)).as_deref(), Some("entry 0"));
    assert_eq!(cache.load::<String>(&key(3)).as_deref(), Some("entry 3"));
    assert_eq!(packs_in(&c), 1);
    // Many builds that each change one entry of many: the packs stay few.
    for round in 0..20 {
        let cache = Cache::open(c.clone());
        for i in 4..40 {
            if cache.load::<String>(&key(i)).is_none() || i == 4 + round {
                cache.store(&key(i), &format!("entry {i} round {round}"));
            }
        }
        cache.store(&key(100 + round), &"a new one".to_string());
        cache.commit(true);
        assert!(packs_in(&c) <= pack::MAX_PACKS, "{} packs", packs_in(&c));
    }
    let cache = Cache::open(c.clone());
    assert_eq!(
        cache.load::<String>(&key(4 + 19)).as_deref(),
        Some("entry 23 round 19")
    );
    assert_eq!(
        cache.load::<String>(&key(100 + 18)),
        None,
        "unused last build"
    );
    // A build that stopped early keeps the entries it did not get to as well.
    let cache = Cache::open(c.clone());
    cache.store(&key(200), &"stopped early".to_string());
    cache.commit(false);
    let cache = Cache::open(c.clone());
    assert!(cache.load::<String>(&key(200)).is_some());
    assert!(cache.load::<String>(&key(119)).is_some());
}

#[test]
fn a_pack_of_a_killed_build_is_removed() {
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path().join("c");
    let cache = Cache::open(c.clone());
    cache.store(&Cache::key(&[b"kept"]), &1u32);
    cache.commit(true);
    let cache = Cache::open(c.clone());
    cache.store(&Cache::key(&[b"never committed"]), &2u32);
    drop(cache);
    assert_eq!(packs_in(&c), 2);
    let cache = Cache::open(c.clone());
    cache.remove_leftovers();
    assert_eq!(packs_in(&c), 1);
    assert_eq!(cache.load::<u32>(&Cache::key(&[b"kept"])), Some(1));
}

#[test]
fn a_cache_folder_that_is_a_file_disables_the_cache_with_one_warning() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c");
    std::fs::write(&path, "not a folder").unwrap();
    let cache = Cache::open(path.clone());
    let key = Cache::key(&[b"x"]);
    cache.store(&key, &1u32);
    cache.commit(true);
    assert_eq!(cache.load::<u32>(&key), None);
    assert!(
        cache
            .store_manifest(&Manifest {
                fingerprint: String::new(),
                outputs: Vec::new(),
                warnings: Vec::new()
            })
            .is_ok()
    );
    let warnings = cache.take_warnings();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].message.contains("not a folder"), "{warnings:?}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "not a folder");
}

#[test]
fn a_disabled_cache_finds_nothing() {
    let cache = Cache::disabled();
    let key = Cache::key(&[b"x"]);
    cache.store(&key, &1u32);
    cache.commit(true);
    assert_eq!(cache.load::<u32>(&key), None);
}

#[test]
fn a_settled_pack_is_read_unchecked_until_it_or_the_index_changes() {
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path().join("c");
    let key = Cache::key(&[b"settled"]);
    let cache = Cache::open(c.clone());
    cache.store(&key, &strings());
    cache.commit(true);
    let index = pack::read_index(&c).unwrap();
    let at = index[key.as_bytes()];
    let trusted = || {
        let cache = Cache::open(c.clone());
        let found = cache.load::<Vec<String>>(&key);
        let trusted = cache.packs.with_bytes(&c, &at, |read| read.unwrap().1);
        (found, trusted)
    };
    // Stamped as it was written: not settled yet, so checked.
    assert_eq!(trusted(), (Some(strings()), false));
    // Settled: its times a whole second older than SETTLE (the times are compared in seconds).
    std::thread::sleep(stamp::SETTLE + std::time::Duration::from_millis(1100));
    // A build that uses it once it has settled keeps its stamp.
    let cache = Cache::open(c.clone());
    assert_eq!(cache.load::<Vec<String>>(&key), Some(strings()));
    cache.commit(true);
    assert_eq!(trusted(), (Some(strings()), true));

    // Another index (a's entry also under b's key): nothing is trusted, b's entry is refused.
    let b = Cache::key(&[b"b"]);
    let mut other = index.clone();
    other.insert(*b.as_bytes(), at);
    pack::write_index(&c, &other).unwrap();
    let cache = Cache::open(c.clone());
    assert_eq!(cache.load::<Vec<String>>(&b), None);
    assert!(messages(&cache)[0].contains("not the one written"));
    pack::write_index(&c, &index).unwrap();
    assert_eq!(trusted(), (Some(strings()), true), "the same index again");

    // An edited trust file.
    let trust_path = c.join(trust::TRUST);
    let kept = std::fs::read(&trust_path).unwrap();
    let mut edited = kept.clone();
    edited[0] ^= 1;
    std::fs::write(&trust_path, &edited).unwrap();
    assert_eq!(trusted(), (Some(strings()), false));
    std::fs::write(&trust_path, &kept).unwrap();
    assert_eq!(trusted(), (Some(strings()), true));

    // A pack written since (here: damaged) moves its stamp, and is checked again.
    let pack_path = c.join(pack::pack_name(at.pack));
    let mut bytes = std::fs::read(&pack_path).unwrap();
    let last = (at.offset + at.len - 1) as usize;
    bytes[last] ^= 0xFF;
    std::fs::write(&pack_path, &bytes).unwrap();
    let cache = Cache::open(c.clone());
    assert_eq!(cache.load::<Vec<String>>(&key), None);
    assert!(messages(&cache)[0].contains("not the one written"));
}

#[test]
fn the_index_reads_back_as_written_and_a_cut_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path();
    let mut index = Index::default();
    for i in 0..100u64 {
        let key = *blake3::hash(&i.to_le_bytes()).as_bytes();
        let at = Location {
            pack: i % 3,
            offset: i << 40,
            len: u64::MAX - i,
        };
        index.insert(key, at);
    }
    // Keys that share their first eight bytes, and differ after them.
    for last in [9u8, 3, 200] {
        let mut key = [7u8; 32];
        key[31] = last;
        index.insert(
            key,
            Location {
                pack: 1,
                offset: 0,
                len: 1,
            },
        );
    }
    let hash = pack::write_index(c, &index).unwrap();
    let written = std::fs::read(c.join(pack::INDEX)).unwrap();
    let keys: Vec<&[u8]> = (written[pack::INDEX_MAGIC.len()..].chunks(pack::INDEX_ENTRY))
        .map(|entry| &entry[..32])
        .collect();
    assert_eq!(keys.len(), 103);
    assert!(keys.windows(2).all(|w| w[0] < w[1]), "in key order");
    let (read, read_hash) = pack::read_index_hashed(c).unwrap();
    assert_eq!(read, index);
    assert_eq!(read_hash, hash);
    assert_eq!(
        pack::write_index(c, &read).unwrap(),
        hash,
        "same entries, same file"
    );
    let file = c.join(pack::INDEX);
    let bytes = std::fs::read(&file).unwrap();
    std::fs::write(&file, &bytes[..bytes.len() - 1]).unwrap();
    let error = pack::read_index(c).unwrap_err();
    assert_eq!(error.kind(), std::io::ErrorKind::InvalidData);
    std::fs::write(&file, b"BRFIDX01\x01\x02").unwrap();
    assert!(
        pack::read_index(c).unwrap().is_empty(),
        "an earlier layout's index names nothing this version reads"
    );
    std::fs::write(&file, b"not an index at all").unwrap();
    assert!(pack::read_index(c).is_err());
}

/// The folder's files and their bytes.
fn folder(dir: &Path) -> Vec<(std::ffi::OsString, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .map(|e| (e.file_name(), std::fs::read(e.path()).unwrap()))
        .collect();
    files.sort();
    files
}

#[test]
fn a_cache_opened_read_only_finds_entries_checked_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path().join("c");
    // No cache there: none is made, and nothing is found.
    let none = Cache::open_read_only(c.clone());
    assert!(!none.enabled());
    assert!(!c.exists());

    let key = Cache::key(&[b"entry"]);
    let cache = Cache::open(c.clone());
    cache.store(&key, &strings());
    cache.commit(true);
    let before = folder(&c);

    let cache = Cache::open_read_only(c.clone());
    assert_eq!(cache.load::<Vec<String>>(&key), Some(strings()));
    let other = Cache::key(&[b"other"]);
    cache.store(&other, &strings());
    cache.store_text(b"a text");
    cache.remove_leftovers();
    cache.commit(true);
    assert_eq!(cache.spare_path("briefing.json"), None);
    assert_eq!(folder(&c), before, "a read-only cache wrote");
    assert_eq!(Cache::open(c.clone()).load::<Vec<String>>(&other), None);

    // An entry copied from another cache (another secret) is refused, as a build refuses it.
    std::fs::write(c.join(SECRET), [7u8; 32]).unwrap();
    let cache = Cache::open_read_only(c.clone());
    assert_eq!(cache.load::<Vec<String>>(&key), None);
    assert_eq!(messages(&cache).len(), 1);
}
