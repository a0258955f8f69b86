//! What the learn stage's passes read of the articles, and nothing else: each article's
//! language and, per sentence, its stems, its theme hits and its vectors, computed once. The
//! first pass makes these views from the processed articles; every later pass reads the views,
//! so that sentence texts, terms and features are decoded once, and no vector is summed twice.
//!
//! A sentence's vectors are kept un-centred (the unit vector of its words' rows, as
//! [`sum_rows`] makes it before the corpus centre is known), packed as one byte a value with
//! one scale a vector ([`Packed`]): centring unpacks and subtracts at use time ([`centred`]).
//! Packed, the views of 100,000 articles take a quarter of the 1.2 GB they took as `f32`, which
//! every pass of a spilled corpus wrote or read back; the values differ from the sums by at
//! most half a step of 1/127 of the vector's largest value. Kept are the whole sentence's
//! vector and, for a seed, its vector without each of its themes' terms and without all of
//! them (equal subsets share one vector).
//!
//! The views of a batch are columns of plain numbers, so a spilled corpus's views are written
//! to a temporary file of their own as bytes and read back as a copy
//! ([`super::store::ViewStore`]).

use std::io::{self, Read, Write};

use rayon::prelude::*;

use super::sentence::{SentenceWords, quantise};
use super::space::OwnTerms;
use crate::processed::Processed;
use crate::text::Lang;

/// No vector: fewer than two of the sentence's words have one.
const NONE: u32 = u32::MAX;
/// How many columns [`Views`] has.
const COLUMNS: usize = 13;
/// Articles whose views are made together on one thread.
const CHUNK: usize = 32;

/// The views of a batch of articles, in columns.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Views {
    /// Per article, its language (`Lang as u8`).
    langs: Vec<u8>,
    /// Per article, where its sentences start; one more entry than articles.
    sentence_at: Vec<u32>,
    /// Per sentence, where its stems start in `stems`; one more entry than sentences.
    stem_at: Vec<u32>,
    /// Every sentence's stem hashes, in each sentence's (sorted) order.
    stems: Vec<u64>,
    /// Per sentence, where its hits start in `hit_themes`; one more entry than sentences.
    hit_at: Vec<u32>,
    /// Per hit, its theme.
    hit_themes: Vec<u32>,
    /// Per hit, how many of its theme's terms it matched.
    hit_terms: Vec<u32>,
    /// Per hit, the number of the sentence's vector without the theme's terms.
    hit_vectors: Vec<u32>,
    /// Per sentence, the number of its whole vector.
    whole: Vec<u32>,
    /// Per sentence with hits, the number of its vector without all its themes' terms.
    rest: Vec<u32>,
    /// Per vector, where its values start in `values`; one more entry than vectors.
    vector_at: Vec<u32>,
    /// Per vector, the scale of its values.
    scales: Vec<f32>,
    /// The vectors' packed values, each vector as long as its language's vectors.
    values: Vec<i8>,
}

/// One article of a batch's [`Views`].
#[derive(Clone, Copy)]
pub struct ArticleView<'a> {
    views: &'a Views,
    /// Its language.
    pub lang: Lang,
    /// Its first sentence's index in the batch.
    first: usize,
    /// How many sentences it has.
    pub sentences: usize,
}

/// A sentence vector as the views keep it: one byte a value, times one scale.
#[derive(Debug, Clone, Copy)]
pub struct Packed<'a> {
    values: &'a [i8],
    scale: f32,
}

impl Packed<'_> {
    /// Adds the vector's values to `acc` (as long as the vector).
    pub fn add_to(&self, acc: &mut [f32]) {
        acc.iter_mut()
            .zip(self.values)
            .for_each(|(a, &v)| *a += f32::from(v) * self.scale);
    }
}

/// The vector of a sentence less the corpus centre, in `out`; false when it has none or the
/// result is zero.
pub fn centred(vector: Option<Packed<'_>>, centre: &[f32], out: &mut [f32]) -> bool {
    let Some(vector) = vector else {
        return false;
    };
    out.iter_mut()
        .zip(vector.values.iter().zip(centre))
        .for_each(|(o, (&x, c))| *o = f32::from(x) * vector.scale - c);
    out.iter().any(|x| *x != 0.0)
}

impl Views {
    /// The views of `articles`, made on all threads: with their vectors when `vectors`, and
    /// then, when `own` is given, each seed's vectors without its themes' terms.
    pub fn of(articles: &[Processed], vectors: bool, own: Option<&OwnTerms>) -> Views {
        let parts: Vec<Views> = articles
            .par_chunks(CHUNK)
            .map(|chunk| {
                let mut views = Views::empty();
                for p in chunk {
                    views.push(p, vectors, own);
                }
                views
            })
            .collect();
        let mut all = Views::empty();
        for part in parts {
            all.append(part);
        }
        all
    }

    /// The view of one article, with its whole sentences' vectors when `vectors` (made on this
    /// thread).
    pub fn one(article: &Processed, vectors: bool) -> Views {
        let mut views = Views::empty();
        views.push(article, vectors, None);
        views
    }

    /// No articles.
    fn empty() -> Views {
        Views {
            sentence_at: vec![0],
            stem_at: vec![0],
            hit_at: vec![0],
            vector_at: vec![0],
            ..Views::default()
        }
    }

    /// How many articles.
    pub fn len(&self) -> usize {
        self.langs.len()
    }

    /// True when it has no articles.
    pub fn is_empty(&self) -> bool {
        self.langs.is_empty()
    }

    /// The `index`th article.
    pub fn article(&self, index: usize) -> ArticleView<'_> {
        let first = self.sentence_at[index] as usize;
        ArticleView {
            views: self,
            lang: if self.langs[index] == Lang::En as u8 {
                Lang::En
            } else {
                Lang::Id
            },
            first,
            sentences: self.sentence_at[index + 1] as usize - first,
        }
    }

    /// Adds an article's view.
    fn push(&mut self, p: &Processed, vectors: bool, own: Option<&OwnTerms>) {
        let lang = p.language;
        let l = lang as usize;
        self.langs.push(lang as u8);
        // Room for the article at once: one view of one article is made for every article.
        let sentences = p.stems.len();
        for per_sentence in [
            &mut self.stem_at,
            &mut self.hit_at,
            &mut self.whole,
            &mut self.rest,
        ] {
            per_sentence.reserve(sentences);
        }
        self.stems.reserve(p.stems.iter().map(|s| s.len()).sum());
        let hits: usize = p.hits.iter().map(|h| h.len()).sum();
        for per_hit in [
            &mut self.hit_themes,
            &mut self.hit_terms,
            &mut self.hit_vectors,
        ] {
            per_hit.reserve(hits);
        }
        for (stems, hits) in p.stems.iter().zip(&p.hits) {
            let hashes = stems.hashes();
            self.stems.extend_from_slice(hashes);
            self.stem_at.push(self.stems.len() as u32);
            for hit in hits {
                self.hit_themes.push(hit.theme as u32);
                self.hit_terms.push(hit.terms() as u32);
            }
            self.hit_at.push(self.hit_themes.len() as u32);
            if !vectors {
                self.whole.push(NONE);
                self.rest.push(NONE);
                self.hit_vectors.extend(hits.iter().map(|_| NONE));
                continue;
            }
            let mut words = SentenceWords::new(hashes, lang, None);
            let whole = words.subset(|_| true);
            let mut subsets = Vec::with_capacity(hits.len() + 1);
            let mut rest = None;
            if let Some(own) = own.filter(|_| !hits.is_empty()) {
                for hit in hits {
                    let own = &own[hit.theme][l];
                    subsets.push(words.subset(|s| !own.contains(&s)));
                }
                rest = Some(words.subset(|s| !hits.iter().any(|h| own[h.theme][l].contains(&s))));
            }
            let at: Vec<u32> = words
                .into_vectors()
                .into_iter()
                .map(|v| match v {
                    Some(v) => self.pack(&v),
                    None => NONE,
                })
                .collect();
            self.whole.push(at[whole]);
            self.rest.push(rest.map_or(NONE, |r| at[r]));
            if subsets.is_empty() {
                self.hit_vectors.extend(hits.iter().map(|_| NONE));
            } else {
                self.hit_vectors.extend(subsets.iter().map(|&s| at[s]));
            }
        }
        self.sentence_at.push(self.whole.len() as u32);
    }

    /// Appends another batch's views.
    fn append(&mut self, other: Views) {
        let shift = |base: usize, list: &[u32]| -> Vec<u32> {
            list[1..].iter().map(|x| x + base as u32).collect()
        };
        let vectors = self.scales.len() as u32;
        let moved = |list: Vec<u32>| {
            list.into_iter()
                .map(move |x| if x == NONE { x } else { x + vectors })
        };
        self.langs.extend(other.langs);
        let sentence_at = shift(self.whole.len(), &other.sentence_at);
        self.sentence_at.extend(sentence_at);
        let stem_at = shift(self.stems.len(), &other.stem_at);
        self.stem_at.extend(stem_at);
        self.stems.extend(other.stems);
        let hit_at = shift(self.hit_themes.len(), &other.hit_at);
        self.hit_at.extend(hit_at);
        self.hit_themes.extend(other.hit_themes);
        self.hit_terms.extend(other.hit_terms);
        self.hit_vectors.extend(moved(other.hit_vectors));
        self.whole.extend(moved(other.whole));
        self.rest.extend(moved(other.rest));
        let vector_at = shift(self.values.len(), &other.vector_at);
        self.vector_at.extend(vector_at);
        self.scales.extend(other.scales);
        self.values.extend(other.values);
    }

    /// Packs a vector (one byte a value, scaled by its largest value) and returns its number.
    fn pack(&mut self, v: &[f32]) -> u32 {
        let largest = v.iter().fold(0f32, |m, x| m.max(x.abs()));
        let scale = largest / 127.0;
        let inverse = if scale > 0.0 { 1.0 / scale } else { 0.0 };
        self.values.extend(v.iter().map(|x| quantise(x * inverse)));
        self.vector_at.push(self.values.len() as u32);
        self.scales.push(scale);
        self.scales.len() as u32 - 1
    }

    /// Vector number `at`, when there is one and it has `dims` values.
    fn vector(&self, at: u32, dims: usize) -> Option<Packed<'_>> {
        let at = (at != NONE).then_some(at as usize)?;
        let values = &self.values[self.vector_at[at] as usize..self.vector_at[at + 1] as usize];
        (values.len() == dims).then_some(Packed {
            values,
            scale: self.scales[at],
        })
    }

    /// The columns as little-endian bytes, for [`Self::write_to`] and [`Self::read_from`].
    fn columns(&self) -> [&[u8]; COLUMNS] {
        [
            &self.langs,
            bytemuck::cast_slice(&self.sentence_at),
            bytemuck::cast_slice(&self.stem_at),
            bytemuck::cast_slice(&self.stems),
            bytemuck::cast_slice(&self.hit_at),
            bytemuck::cast_slice(&self.hit_themes),
            bytemuck::cast_slice(&self.hit_terms),
            bytemuck::cast_slice(&self.hit_vectors),
            bytemuck::cast_slice(&self.whole),
            bytemuck::cast_slice(&self.rest),
            bytemuck::cast_slice(&self.vector_at),
            bytemuck::cast_slice(&self.scales),
            bytemuck::cast_slice(&self.values),
        ]
    }

    /// Writes each column's length, then each column, straight from the columns; the
    /// number of bytes written.
    pub(super) fn write_to(&self, out: &mut impl Write) -> io::Result<u64> {
        let columns = self.columns();
        for c in &columns {
            out.write_all(&(c.len() as u64).to_le_bytes())?;
        }
        for c in &columns {
            out.write_all(c)?;
        }
        Ok(columns.iter().map(|c| c.len() as u64 + 8).sum())
    }

    /// The views [`Self::write_to`] wrote as `len` bytes, each column read straight into
    /// its own numbers; an error when the bytes are not such views.
    pub(super) fn read_from(input: &mut impl Read, len: u64) -> io::Result<Views> {
        let invalid = || {
            io::Error::new(
                io::ErrorKind::InvalidData,
                "the learn stage's spilled views cannot be read back",
            )
        };
        let mut header = [0u8; 8 * COLUMNS];
        if len < header.len() as u64 {
            return Err(invalid());
        }
        input.read_exact(&mut header)?;
        let lens: Vec<u64> = header
            .chunks_exact(8)
            .map(|b| u64::from_le_bytes(b.try_into().expect("eight bytes")))
            .collect();
        let total = lens
            .iter()
            .try_fold(header.len() as u64, |sum, &l| sum.checked_add(l));
        if total != Some(len) {
            return Err(invalid());
        }
        let mut lens = lens.into_iter();
        let mut next = || lens.next().expect("one length per column");
        let views = Views {
            langs: read_column(input, next())?,
            sentence_at: read_column(input, next())?,
            stem_at: read_column(input, next())?,
            stems: read_column(input, next())?,
            hit_at: read_column(input, next())?,
            hit_themes: read_column(input, next())?,
            hit_terms: read_column(input, next())?,
            hit_vectors: read_column(input, next())?,
            whole: read_column(input, next())?,
            rest: read_column(input, next())?,
            vector_at: read_column(input, next())?,
            scales: read_column(input, next())?,
            values: read_column(input, next())?,
        };
        views.consistent().then_some(views).ok_or_else(invalid)
    }

    /// Whether every index points inside its column (views read back are checked, so that
    /// no index in them can make a pass fail).
    fn consistent(&self) -> bool {
        let sentences = self.whole.len();
        let ordered = |at: &[u32], end: usize| {
            at.first() == Some(&0)
                && at.windows(2).all(|w| w[0] <= w[1])
                && at.last().is_some_and(|&l| l as usize == end)
        };
        let vector_ok = |at: &u32| *at == NONE || (*at as usize) < self.scales.len();
        self.sentence_at.len() == self.langs.len() + 1
            && ordered(&self.sentence_at, sentences)
            && self.stem_at.len() == sentences + 1
            && ordered(&self.stem_at, self.stems.len())
            && self.hit_at.len() == sentences + 1
            && ordered(&self.hit_at, self.hit_themes.len())
            && self.hit_terms.len() == self.hit_themes.len()
            && self.hit_vectors.len() == self.hit_themes.len()
            && self.rest.len() == sentences
            && self.vector_at.len() == self.scales.len() + 1
            && ordered(&self.vector_at, self.values.len())
            && self.langs.iter().all(|&l| l <= 1)
            && self
                .whole
                .iter()
                .chain(&self.rest)
                .chain(&self.hit_vectors)
                .all(vector_ok)
    }
}

/// A column of `len` bytes read straight into its numbers; an error when they are not a
/// whole number of them.
fn read_column<T: bytemuck::Pod>(input: &mut impl Read, len: u64) -> io::Result<Vec<T>> {
    let size = std::mem::size_of::<T>() as u64;
    if !len.is_multiple_of(size) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "a column of the learn stage's spilled views is cut short",
        ));
    }
    let mut column = vec![T::zeroed(); (len / size) as usize];
    input.read_exact(bytemuck::cast_slice_mut(&mut column))?;
    Ok(column)
}

/// One hit of a sentence: its theme and how many of the theme's terms it matched.
#[derive(Debug, Clone, Copy)]
pub struct Hit {
    /// The theme.
    pub theme: usize,
    /// How many of its terms.
    pub terms: usize,
}

impl<'a> ArticleView<'a> {
    /// The stem hashes of its sentence `si`.
    pub fn stems(&self, si: usize) -> &'a [u64] {
        let v = self.views;
        let s = self.first + si;
        &v.stems[v.stem_at[s] as usize..v.stem_at[s + 1] as usize]
    }

    /// The hits of its sentence `si`.
    pub fn hits(&self, si: usize) -> impl ExactSizeIterator<Item = Hit> + Clone + 'a {
        let v = self.views;
        let s = self.first + si;
        let range = v.hit_at[s] as usize..v.hit_at[s + 1] as usize;
        v.hit_themes[range.clone()]
            .iter()
            .zip(&v.hit_terms[range])
            .map(|(&theme, &terms)| Hit {
                theme: theme as usize,
                terms: terms as usize,
            })
    }

    /// Whether sentence `si` has a hit of `theme`.
    pub fn has_hit(&self, si: usize, theme: usize) -> bool {
        self.hits(si).any(|h| h.theme == theme)
    }

    /// The hits of its sentence `si`, each with the sentence's un-centred vector without the
    /// hit theme's terms.
    pub fn hit_vectors(
        &self,
        si: usize,
        dims: usize,
    ) -> impl Iterator<Item = (Hit, Option<Packed<'a>>)> {
        let v = self.views;
        let s = self.first + si;
        let range = v.hit_at[s] as usize..v.hit_at[s + 1] as usize;
        self.hits(si)
            .zip(&v.hit_vectors[range])
            .map(move |(h, &at)| (h, v.vector(at, dims)))
    }

    /// The un-centred unit vector of its whole sentence `si`.
    pub fn whole(&self, si: usize, dims: usize) -> Option<Packed<'a>> {
        self.views.vector(self.views.whole[self.first + si], dims)
    }

    /// The un-centred unit vector of its sentence `si` without the terms of any of its hits'
    /// themes.
    pub fn rest(&self, si: usize, dims: usize) -> Option<Packed<'a>> {
        self.views.vector(self.views.rest[self.first + si], dims)
    }
}
