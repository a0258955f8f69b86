//! `briefing` turns a folder of news articles into a briefing: an extractive summary of every
//! article and the material of all articles grouped by theme, rendered as Markdown, HTML and
//! JSON. The pipeline runs one way: [`corpus`] (read) → [`segment`] → [`summary`] (score) →
//! [`themes`] (group) → [`model`] → [`render`], driven by [`pipeline`].

pub mod aggregate;
pub mod bounded;
pub mod cache;
pub mod changes;
pub mod cli;
pub mod commands;
pub mod config;
pub mod corpus;
pub mod digest;
pub mod error;
pub mod facts;
pub mod fetch;
pub mod init;
pub mod json;
pub mod learn;
pub mod lock;
pub mod model;
pub mod output;
pub mod partial;
pub mod paths;
pub mod pipeline;
pub mod processed;
pub mod render;
pub mod rouge;
pub mod segment;
#[cfg(feature = "serve")]
pub mod serve;
pub mod stems;
pub mod summary;
pub mod text;
pub mod theme_terms;
pub mod themes;
pub mod timings;
#[cfg(feature = "watch")]
pub mod watching;

pub use error::{Error, Result};
