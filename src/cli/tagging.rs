//! The named-entity tagger commands: `train`, `tag` and `eval` over CoNLL files.

use anyhow::Result;
use clap::Args;
use newsgraph::lexicon::Lexicon;
use newsgraph::tag::{
    documents, read_conll, train as train_tagger, ConllSentence, Evaluation, Tagger, TrainOptions,
    Workspace,
};
use newsgraph::Error;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(Debug, Args)]
pub(super) struct TrainArgs {
    /// Training data: CoNLL files (token first, IOB2 tag last on each line; blank line between
    /// sentences). Several files are read as one data set.
    #[arg(long, required = true, num_args = 1.., value_name = "FILE")]
    conll: Vec<PathBuf>,
    /// Where to write the model.
    #[arg(short = 'o', long = "output", value_name = "MODEL")]
    output: PathBuf,
    /// Passes over the training data.
    #[arg(long, value_name = "N", default_value_t = TrainOptions::default().epochs)]
    epochs: usize,
    /// Seed of the shuffling between passes (the same data and seed give the same model bytes).
    #[arg(long, value_name = "S", default_value_t = TrainOptions::default().seed)]
    seed: u64,
    /// Leave out features seen fewer than N times in the training data.
    #[arg(long, value_name = "N", default_value_t = TrainOptions::default().min_count)]
    min_count: u32,
}

#[derive(Debug, Args)]
pub(super) struct TagArgs {
    /// A CoNLL file: tokens in the first column (other columns are ignored), a blank line
    /// between sentences.
    #[arg(long, value_name = "FILE")]
    conll: PathBuf,
    /// A model written by `newsgraph train` [default: the Swahili model built in].
    #[arg(long, value_name = "MODEL")]
    model: Option<PathBuf>,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("gold").required(true).args(["conll", "graph"])))]
pub(super) struct EvalArgs {
    /// The gold standard: a CoNLL file with the IOB2 tag in the last column.
    #[arg(long, value_name = "GOLD")]
    conll: Option<PathBuf>,
    /// Relation-level gold annotations (JSON files or directories of them, format in
    /// data/eval/README.md): score entities and relations of the --input articles.
    #[arg(long, value_name = "GOLD.json|DIR", num_args = 1..)]
    graph: Vec<PathBuf>,
    /// With --graph: the annotated articles (anything `ingest` reads; ids must match the
    /// gold files' "article").
    #[arg(long, value_name = "FILE|DIR", num_args = 1..)]
    input: Vec<PathBuf>,
    /// With --graph: user lexicon files, as for `ingest`.
    #[arg(long, value_name = "FILE")]
    lexicon: Vec<PathBuf>,
    /// With --graph: also list every wrong and every missed relation with its evidence.
    #[arg(long)]
    show_errors: bool,
    /// A model written by `newsgraph train` [default: the Swahili model built in].
    #[arg(long, value_name = "MODEL")]
    model: Option<PathBuf>,
}

fn load(model: Option<&Path>) -> Result<Tagger> {
    Ok(match model {
        Some(path) => Tagger::load(path)?,
        None => Tagger::builtin()?,
    })
}

/// Writes to stdout; a closed pipe (`| head`) ends the command quietly.
fn write_out(f: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match f(&mut out).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::Output(e.to_string()).into()),
    }
}

/// `newsgraph train`.
pub(super) fn train(a: TrainArgs) -> Result<()> {
    if a.epochs == 0 {
        return Err(Error::BadInput("--epochs must be at least 1".into()).into());
    }
    let started = Instant::now();
    let mut sentences: Vec<ConllSentence> = Vec::new();
    for file in &a.conll {
        let read = read_conll(file, true)?;
        if read.is_empty() {
            return Err(Error::BadInput(format!("{}: no sentences", file.display())).into());
        }
        // Each file starts a new document.
        let first = sentences.last().map_or(0, |s| s.document + 1);
        sentences.extend(read.into_iter().map(|mut s| {
            s.document += first;
            s
        }));
    }
    let lexicon = Lexicon::builtin()?;
    let options = TrainOptions {
        epochs: a.epochs,
        seed: a.seed,
        min_count: a.min_count,
    };
    let tagger = train_tagger(&sentences, &lexicon, &options, |r| {
        eprintln!(
            "epoch {}/{}: {} sentences with errors, training token accuracy {:.2}% ({:.1} s)",
            r.epoch,
            a.epochs,
            r.sentence_errors,
            100.0 * (r.tokens - r.token_errors) as f64 / r.tokens.max(1) as f64,
            started.elapsed().as_secs_f64()
        )
    })?;
    tagger.save(&a.output)?;
    let info = tagger.training();
    let size = std::fs::metadata(&a.output).map_or(0, |m| m.len());
    eprintln!(
        "newsgraph: trained on {} sentences ({} tokens) in {:.1} s: {} features, wrote {} ({:.1} MB)",
        info.sentences,
        info.tokens,
        started.elapsed().as_secs_f64(),
        tagger.feature_count(),
        a.output.display(),
        size as f64 / 1e6
    );
    Ok(())
}

/// `newsgraph tag`.
pub(super) fn tag(a: TagArgs) -> Result<()> {
    let tagger = load(a.model.as_deref())?;
    let sentences = read_conll(&a.conll, false)?;
    write_out(|out| {
        let mut first = true;
        for doc in documents(&sentences) {
            let tokens: Vec<&[String]> = doc.iter().map(|s| s.tokens.as_slice()).collect();
            for (s, tags) in doc.iter().zip(tagger.tag_document(&tokens)) {
                if !first {
                    writeln!(out)?;
                }
                first = false;
                for (token, tag) in s.tokens.iter().zip(tags) {
                    writeln!(out, "{token}\t{tag}")?;
                }
            }
        }
        Ok(())
    })
}

/// `newsgraph eval`.
pub(super) fn eval(a: EvalArgs) -> Result<()> {
    let Some(conll) = a.conll else {
        return super::commands::eval_graph(&a.graph, &a.input, &a.lexicon, a.show_errors);
    };
    let tagger = load(a.model.as_deref())?;
    let gold = read_conll(&conll, true)?;
    let mut evaluation = Evaluation::new();
    let mut ws = Workspace::new();
    for doc in documents(&gold) {
        let tokens: Vec<&[String]> = doc.iter().map(|s| s.tokens.as_slice()).collect();
        tagger.tag_document_with(&tokens, &mut ws, |k, tags| {
            evaluation.add(&doc[k].tags, tags)
        });
    }
    write_out(|out| writeln!(out, "{evaluation}"))
}
