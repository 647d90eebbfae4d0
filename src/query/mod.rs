//! Query stage: SPARQL over the store with the union of all article graphs as the default
//! graph, safe parameter binding, and the result formats (aligned table, SPARQL JSON, CSV,
//! TSV, XML; RDF syntaxes for CONSTRUCT and DESCRIBE).

use crate::error::{Error, Result};
use crate::rdf::{vocab, write_quads, GraphStore, RdfOutput};
use oxigraph::model::{GraphName, Literal, NamedNode, Quad, Term, Variable};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{QueryResults, QuerySolution, SparqlEvaluator};
use std::io::Write;

/// How query results are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultFormat {
    /// Aligned columns for people (Turtle for graph results).
    Table,
    /// SPARQL 1.1 Query Results JSON (JSON-LD for graph results).
    Json,
    /// SPARQL CSV (N-Triples for graph results).
    Csv,
    /// SPARQL TSV (N-Triples for graph results).
    Tsv,
    /// SPARQL Query Results XML (RDF/XML for graph results).
    Xml,
}

/// The answer to a query, materialised.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// SELECT: variables and rows.
    Solutions {
        /// Column names.
        variables: Vec<Variable>,
        /// Rows (unbound cells are `None`).
        rows: Vec<Vec<Option<Term>>>,
    },
    /// ASK.
    Boolean(bool),
    /// CONSTRUCT / DESCRIBE.
    Graph(Vec<oxigraph::model::Triple>),
}

/// Parses a `--param name=value` value into an RDF term: `<iri>`, an absolute `http(s)://`
/// IRI or a `prefix:local` name of the vocabulary become IRIs, anything else a plain string.
/// The term is bound with Oxigraph's variable substitution, never spliced into query text.
pub fn param_term(value: &str) -> Term {
    let v = value.trim();
    if let Some(inner) = v.strip_prefix('<').and_then(|s| s.strip_suffix('>')) {
        if let Ok(n) = NamedNode::new(inner) {
            return n.into();
        }
    }
    if v.starts_with("http://") || v.starts_with("https://") {
        if let Ok(n) = NamedNode::new(v) {
            return n.into();
        }
    }
    if let Some((p, local)) = v.split_once(':') {
        if let Some((_, ns)) = vocab::PREFIXES.iter().find(|(x, _)| *x == p) {
            if let Ok(n) = NamedNode::new(format!("{ns}{local}")) {
                return n.into();
            }
        }
    }
    Literal::new_simple_literal(v).into()
}

/// The parameters a query file declares with `# param: NAME — meaning` lines, and whether the
/// meaning says the value is an IRI.
pub fn declared_params(query: &str) -> Vec<(String, bool)> {
    query
        .lines()
        .take_while(|l| l.trim_start().starts_with('#') || l.trim().is_empty())
        .filter_map(|l| {
            l.trim_start()
                .trim_start_matches('#')
                .trim()
                .strip_prefix("param:")
        })
        .filter_map(|rest| {
            let rest = rest.trim();
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            (!name.is_empty()).then(|| (name, rest.contains("IRI")))
        })
        .collect()
}

/// Binds a parameter the query declares as an IRI to the entity a plain name stands for, so
/// `--param entity=NATO` works: the one entity whose label or alternative label is the name
/// (case-insensitive), or the article of that id for `article`. Several or none is a usage
/// error naming the candidates.
pub fn resolve_iri_param(store: &GraphStore, name: &str, value: &str) -> Result<Term> {
    let term = param_term(value);
    if !matches!(term, Term::Literal(_)) {
        return Ok(term);
    }
    if name == "article" {
        let iri = crate::rdf::iri::article(&crate::input::safe_id(value));
        return NamedNode::new(iri)
            .map(Term::from)
            .map_err(|e| Error::BadInput(format!("--param {name}: {e}")));
    }
    let lookup = "SELECT DISTINCT ?e ?name WHERE { ?e rdfs:label|skos:altLabel ?l .
                  FILTER(isIRI(?e) && LCASE(STR(?l)) = LCASE(STR(?name))) } ORDER BY ?e";
    let answer = run(store, lookup, &[("name".to_string(), term)])?;
    let Answer::Solutions { rows, .. } = answer else {
        return Err(Error::QueryEval("entity lookup gave no solutions".into()));
    };
    let found: Vec<Term> = rows
        .into_iter()
        .filter_map(|r| r.into_iter().next().flatten())
        .collect();
    match found.as_slice() {
        [one] => Ok(one.clone()),
        [] => Err(Error::BadInput(format!(
            "--param {name}={value}: no entity has that name (give an IRI such as state:JP)"
        ))),
        many => Err(Error::BadInput(format!(
            "--param {name}={value}: {} entities have that name: {} (give one IRI)",
            many.len(),
            many.iter().map(cell).collect::<Vec<_>>().join(", ")
        ))),
    }
}

/// A SPARQL evaluator with the vocabulary prefixes predeclared: the one setup shared by
/// `query`, `entities`, `stats` and the `serve` endpoint.
pub fn evaluator() -> Result<SparqlEvaluator> {
    let mut evaluator = SparqlEvaluator::new();
    for (p, ns) in vocab::PREFIXES {
        evaluator = evaluator
            .with_prefix(p, ns)
            .map_err(|e| Error::QueryEval(e.to_string()))?;
    }
    Ok(evaluator)
}

/// Runs a query. The default graph is the store's default graph, which `put_article` keeps as
/// the set union of all article graphs (a query's own `FROM` still wins). The vocabulary
/// prefixes are predeclared.
pub fn run(store: &GraphStore, query: &str, params: &[(String, Term)]) -> Result<Answer> {
    let mut prepared = evaluator()?
        .parse_query(query)
        .map_err(|e| Error::QuerySyntax(e.to_string()))?;
    for (name, value) in params {
        let var = Variable::new(name.trim_start_matches(['?', '$']))
            .map_err(|e| Error::BadInput(format!("parameter {name:?}: {e}")))?;
        prepared = prepared.substitute_variable(var, value.clone());
    }
    let results = prepared
        .on_store(store.inner())
        .execute()
        .map_err(|e| Error::QueryEval(e.to_string()))?;
    let eval = |e: oxigraph::sparql::QueryEvaluationError| Error::QueryEval(e.to_string());
    Ok(match results {
        QueryResults::Solutions(solutions) => {
            let variables = solutions.variables().to_vec();
            let mut rows = Vec::new();
            for s in solutions {
                let s: QuerySolution = s.map_err(eval)?;
                rows.push(variables.iter().map(|v| s.get(v).cloned()).collect());
            }
            Answer::Solutions { variables, rows }
        }
        QueryResults::Boolean(b) => Answer::Boolean(b),
        QueryResults::Graph(triples) => Answer::Graph(
            triples
                .collect::<std::result::Result<_, _>>()
                .map_err(eval)?,
        ),
    })
}

/// Shortens an IRI with the vocabulary prefixes, for tables — only where the result is valid
/// SPARQL (`state:JP`, `person:jens-stoltenberg`), so a cell can be pasted into a query.
pub fn compact_iri(iri: &str) -> String {
    vocab::PREFIXES
        .iter()
        .filter(|(_, ns)| iri.starts_with(ns))
        .max_by_key(|(_, ns)| ns.len())
        .map(|(p, ns)| (p, &iri[ns.len()..]))
        .filter(|(_, local)| {
            local
                .chars()
                .next()
                .is_some_and(|c| c.is_alphanumeric() || c == '_')
                && local
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
        })
        .map(|(p, local)| format!("{p}:{local}"))
        .unwrap_or_else(|| format!("<{iri}>"))
}

/// A term as a table cell: prefixed IRIs, literal values without quotes.
pub fn cell(term: &Term) -> String {
    match term {
        Term::NamedNode(n) => compact_iri(n.as_str()),
        Term::BlankNode(b) => format!("_:{}", b.as_str()),
        Term::Literal(l) => l.value().replace(['\n', '\t'], " "),
        #[allow(unreachable_patterns)]
        other => other.to_string(),
    }
}

/// Writes an answer in a format.
pub fn write_answer<W: Write>(answer: &Answer, format: ResultFormat, mut out: W) -> Result<()> {
    let io = |e: std::io::Error| Error::Output(e.to_string());
    match answer {
        Answer::Solutions { variables, rows } => match format {
            ResultFormat::Table => write_table(variables, rows, &mut out).map_err(io)?,
            other => {
                let f = match other {
                    ResultFormat::Json => QueryResultsFormat::Json,
                    ResultFormat::Csv => QueryResultsFormat::Csv,
                    ResultFormat::Tsv => QueryResultsFormat::Tsv,
                    _ => QueryResultsFormat::Xml,
                };
                let mut ser = QueryResultsSerializer::from_format(f)
                    .serialize_solutions_to_writer(&mut out, variables.clone())
                    .map_err(io)?;
                for row in rows {
                    ser.serialize(
                        variables
                            .iter()
                            .zip(row)
                            .filter_map(|(v, t)| t.as_ref().map(|t| (v, t))),
                    )
                    .map_err(io)?;
                }
                ser.finish().map_err(io)?;
            }
        },
        Answer::Boolean(b) => match format {
            ResultFormat::Table => writeln!(out, "{b}").map_err(io)?,
            other => {
                let f = match other {
                    ResultFormat::Json => QueryResultsFormat::Json,
                    ResultFormat::Csv => QueryResultsFormat::Csv,
                    ResultFormat::Tsv => QueryResultsFormat::Tsv,
                    _ => QueryResultsFormat::Xml,
                };
                QueryResultsSerializer::from_format(f)
                    .serialize_boolean_to_writer(&mut out, *b)
                    .map_err(io)?;
            }
        },
        Answer::Graph(triples) => {
            let rdf = match format {
                ResultFormat::Table => RdfOutput::Turtle,
                ResultFormat::Json => RdfOutput::JsonLd,
                ResultFormat::Xml => RdfOutput::RdfXml,
                ResultFormat::Csv | ResultFormat::Tsv => RdfOutput::NTriples,
            };
            let quads: Vec<Quad> = triples
                .iter()
                .map(|t| t.clone().in_graph(GraphName::DefaultGraph))
                .collect();
            write_quads(&quads, rdf, &mut out)?;
        }
    }
    Ok(())
}

fn write_table<W: Write>(
    variables: &[Variable],
    rows: &[Vec<Option<Term>>],
    out: &mut W,
) -> std::io::Result<()> {
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|t| t.as_ref().map(cell).unwrap_or_default())
                .collect()
        })
        .collect();
    let mut widths: Vec<usize> = variables
        .iter()
        .map(|v| v.as_str().chars().count())
        .collect();
    for r in &cells {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(c.chars().count()).min(80);
        }
    }
    let line = |out: &mut W, vals: &[String]| -> std::io::Result<()> {
        let mut s = String::new();
        for (i, (v, w)) in vals.iter().zip(&widths).enumerate() {
            if i > 0 {
                s.push_str("  ");
            }
            let shown: String = if v.chars().count() > *w {
                let mut t: String = v.chars().take(w.saturating_sub(1)).collect();
                t.push('…');
                t
            } else {
                v.clone()
            };
            s.push_str(&shown);
            if i + 1 < vals.len() {
                s.push_str(&" ".repeat(w.saturating_sub(shown.chars().count())));
            }
        }
        writeln!(out, "{}", s.trim_end())
    };
    let header: Vec<String> = variables.iter().map(|v| v.as_str().to_string()).collect();
    line(out, &header)?;
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    line(out, &rule)?;
    for r in &cells {
        line(out, r)?;
    }
    writeln!(
        out,
        "({} row{})",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" }
    )
}
