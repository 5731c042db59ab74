//! The draw (抽取) as a pure function: from the stored inputs of one group's draw and a seed,
//! the exclusions (回避 and the one-group rule) and the chosen experts. The same function makes
//! a draw and verifies it (`GET /api/v1/draws/{id}/verify`), so a stored draw either reproduces
//! or it was tampered with.
//!
//! Rules (docs/DECISIONS.md, "Review sessions and the draw"):
//! - candidates are given in canonical order (ascending expert id), only those with a
//!   specialty the group needs (count > 0);
//! - a candidate is excluded, first reason wins, in this order: `other_group` (in `taken`),
//!   `employer` (the expert's employer is an applicant's employer or a unit below it, or, when
//!   the expert's employer is an employing unit, the applicant's employer is below it),
//!   `conflict_unit` (a declared unit is the applicant's employer or above it), and
//!   `conflict_person` (a declared ID number is the applicant's, compared as SHA-256 hashes);
//! - main draw: the needed specialties in ascending order; for each, the experts already chosen
//!   for the group who have it count toward it (one expert may cover several specialties, the
//!   manual's 张三), and the missing number is drawn from the eligible experts who have it and
//!   are not chosen yet; fewer than needed is a shortfall naming the specialty;
//! - alternates: `alternates` experts in order from the eligible ones with any needed specialty;
//! - choosing k of n: a partial Fisher–Yates shuffle, each index uniform by rejection sampling
//!   on 64-bit words of the stream SHA-256(seed ‖ counter as 8 little-endian bytes), counter
//!   0, 1, 2, …, each block giving four words (little-endian).

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use shared::{
    experts::DrawKind,
    sessions::{DrawExclusion, DrawPick, ExclusionReason},
};

use crate::online::recusal;

/// The algorithm version stored with every draw.
pub const ALGORITHM: &str = "sha256-ctr-fisher-yates-v1";

/// An applicant of the group as the draw sees them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Applicant {
    pub application_id: i64,
    /// The employer's materialised path at the time of the draw (`/1/4/`).
    pub employer_path: String,
    /// SHA-256 (hex) of the applicant's ID number.
    pub person: String,
}

/// A pool member who may be drawn.
///
/// Stored compactly, since a draw of every group stores each group's candidates (about 10,000
/// for 20 groups over a 5,000-expert pool): short keys, and the conflict lists and the
/// employing-unit flag only when set. The long keys of the draws stored before
/// (`expert_id`, `specialties`, `employer_path`, `employer_is_employing_unit`, empty lists
/// written out) are still read, so those draws verify as they did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidate {
    #[serde(rename = "id", alias = "expert_id")]
    pub expert_id: i64,
    /// Sorted.
    #[serde(rename = "spec", alias = "specialties")]
    pub specialties: Vec<String>,
    #[serde(rename = "path", alias = "employer_path")]
    pub employer_path: String,
    /// Whether the expert's employer is an employing unit (用人单位): then an applicant working
    /// in a unit below it is recused too.
    #[serde(
        rename = "employing",
        alias = "employer_is_employing_unit",
        default,
        skip_serializing_if = "is_false"
    )]
    pub employer_is_employing_unit: bool,
    /// Paths of the units the expert declared a conflict with.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflict_units: Vec<String>,
    /// SHA-256 (hex) of the ID numbers of people the expert declared a conflict with.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflict_persons: Vec<String>,
}

#[expect(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's skip_serializing_if passes a reference"
)]
fn is_false(b: &bool) -> bool {
    !*b
}

/// Everything one group's draw depends on besides the seed (stored as the draw's
/// `candidates` JSON).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DrawInput {
    pub kind: DrawKind,
    pub group_id: i64,
    /// Specialty → experts needed (0 allowed).
    pub needs: BTreeMap<String, i32>,
    /// For an alternate draw: how many.
    pub alternates: i32,
    pub applicants: Vec<Applicant>,
    /// Experts already in (or drawn for) another group of the session.
    pub taken: BTreeSet<i64>,
    /// In ascending expert id.
    pub candidates: Vec<Candidate>,
}

/// What a draw produced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    pub exclusions: Vec<DrawExclusion>,
    pub result: Vec<DrawPick>,
}

/// Too few eligible experts for a specialty of the group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shortfall {
    pub group_id: i64,
    pub specialty: Option<String>,
    pub needed: i32,
    pub found: i32,
}

/// The seed's deterministic stream of 64-bit words.
pub struct Stream {
    seed: [u8; 32],
    counter: u64,
    words: Vec<u64>,
}

impl Stream {
    pub fn new(seed: [u8; 32]) -> Self {
        Stream {
            seed,
            counter: 0,
            words: Vec::new(),
        }
    }

    fn next_word(&mut self) -> u64 {
        if self.words.is_empty() {
            let mut h = Sha256::new();
            h.update(self.seed);
            h.update(self.counter.to_le_bytes());
            self.counter += 1;
            let block = h.finalize();
            // Popped from the back: store the four words reversed so they come out in order.
            for chunk in block.chunks_exact(8).rev() {
                let mut b = [0_u8; 8];
                b.copy_from_slice(chunk);
                self.words.push(u64::from_le_bytes(b));
            }
        }
        self.words.pop().unwrap_or_default()
    }

    /// Uniform in `0..n` (`n > 0`), by rejection sampling.
    pub fn below(&mut self, n: u64) -> u64 {
        let zone = u64::MAX - (u64::MAX % n);
        loop {
            let w = self.next_word();
            if w < zone {
                return w % n;
            }
        }
    }
}

/// The keyed hash of an ID number ([`crate::pii::hash`]): people are compared by it and the draw
/// record stores no ID number. (Draws recorded before issue 13 hold an unkeyed SHA-256; they are
/// only ever read back, never compared with new hashes.)
pub fn person_hash(id_number: &str) -> String {
    crate::pii::hash(id_number)
}

/// Why `c` may not serve the group, if it may not.
fn exclusion(input: &DrawInput, c: &Candidate) -> Option<DrawExclusion> {
    let out = |reason, application_id| DrawExclusion {
        expert_id: c.expert_id,
        reason,
        application_id,
    };
    if input.taken.contains(&c.expert_id) {
        return Some(out(ExclusionReason::OtherGroup, None));
    }
    for a in &input.applicants {
        if recusal::employer_recuses(
            &c.employer_path,
            c.employer_is_employing_unit,
            &a.employer_path,
        ) {
            return Some(out(ExclusionReason::Employer, Some(a.application_id)));
        }
    }
    for a in &input.applicants {
        if c.conflict_units
            .iter()
            .any(|u| recusal::declared_unit_covers(u, &a.employer_path))
        {
            return Some(out(ExclusionReason::ConflictUnit, Some(a.application_id)));
        }
    }
    for a in &input.applicants {
        if c.conflict_persons.contains(&a.person) {
            return Some(out(ExclusionReason::ConflictPerson, Some(a.application_id)));
        }
    }
    None
}

/// Moves `k` uniformly chosen items of `pool` to its front (partial Fisher–Yates).
fn choose(pool: &mut [usize], k: usize, stream: &mut Stream) {
    for i in 0..k.min(pool.len()) {
        let span = (pool.len() - i) as u64;
        let j = i + usize::try_from(stream.below(span)).unwrap_or(0);
        pool.swap(i, j);
    }
}

/// Runs one group's draw.
pub fn run(input: &DrawInput, seed: [u8; 32]) -> Result<Outcome, Shortfall> {
    let needed: Vec<(&String, i32)> = input
        .needs
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(s, n)| (s, *n))
        .collect();
    let has = |c: &Candidate, s: &str| {
        c.specialties
            .binary_search_by(|x| x.as_str().cmp(s))
            .is_ok()
    };
    let mut exclusions = Vec::new();
    let mut eligible: Vec<usize> = Vec::new();
    for (i, c) in input.candidates.iter().enumerate() {
        if !needed.iter().any(|(s, _)| has(c, s)) {
            continue;
        }
        match exclusion(input, c) {
            Some(e) => exclusions.push(e),
            None => eligible.push(i),
        }
    }
    let mut stream = Stream::new(seed);
    let covers = |c: &Candidate| -> Vec<String> {
        needed
            .iter()
            .filter(|(s, _)| has(c, s))
            .map(|(s, _)| (*s).clone())
            .collect()
    };
    let mut chosen: Vec<usize> = Vec::new();
    match input.kind {
        DrawKind::Main => {
            for (s, n) in &needed {
                let already = chosen
                    .iter()
                    .filter(|&&i| has(&input.candidates[i], s))
                    .count();
                let already = i32::try_from(already).unwrap_or(i32::MAX);
                if already >= *n {
                    continue;
                }
                let mut pool: Vec<usize> = eligible
                    .iter()
                    .copied()
                    .filter(|i| !chosen.contains(i) && has(&input.candidates[*i], s))
                    .collect();
                let missing = usize::try_from(n - already).unwrap_or(0);
                if pool.len() < missing {
                    return Err(Shortfall {
                        group_id: input.group_id,
                        specialty: Some((*s).clone()),
                        needed: *n,
                        found: already + i32::try_from(pool.len()).unwrap_or(i32::MAX),
                    });
                }
                choose(&mut pool, missing, &mut stream);
                chosen.extend_from_slice(&pool[..missing]);
            }
        }
        DrawKind::Alternate => {
            let k = usize::try_from(input.alternates).unwrap_or(0);
            let mut pool = eligible.clone();
            if pool.len() < k {
                return Err(Shortfall {
                    group_id: input.group_id,
                    specialty: None,
                    needed: input.alternates,
                    found: i32::try_from(pool.len()).unwrap_or(i32::MAX),
                });
            }
            choose(&mut pool, k, &mut stream);
            chosen.extend_from_slice(&pool[..k]);
        }
    }
    let result = chosen
        .iter()
        .enumerate()
        .map(|(rank, &i)| DrawPick {
            expert_id: input.candidates[i].expert_id,
            covers: covers(&input.candidates[i]),
            rank: (input.kind == DrawKind::Alternate)
                .then(|| i32::try_from(rank + 1).unwrap_or(i32::MAX)),
        })
        .collect();
    Ok(Outcome { exclusions, result })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cand(id: i64, specs: &[&str], employer: &str) -> Candidate {
        Candidate {
            expert_id: id,
            specialties: specs.iter().map(|s| (*s).to_owned()).collect(),
            employer_path: employer.to_owned(),
            employer_is_employing_unit: true,
            conflict_units: vec![],
            conflict_persons: vec![],
        }
    }

    /// The stored form is compact, and the long form of the draws stored before reads back
    /// into the same candidate.
    #[test]
    fn candidates_are_stored_compactly_and_the_long_form_still_reads() {
        let mut c = cand(1234, &["数学", "物理"], "/1/23/456/");
        let text = serde_json::to_string(&c).expect("json");
        assert_eq!(
            text,
            r#"{"id":1234,"spec":["数学","物理"],"path":"/1/23/456/","employing":true}"#
        );
        let long = r#"{"expert_id":1234,"specialties":["数学","物理"],"employer_path":"/1/23/456/","employer_is_employing_unit":true,"conflict_units":[],"conflict_persons":[]}"#;
        assert_eq!(serde_json::from_str::<Candidate>(long).expect("long"), c);
        c.employer_is_employing_unit = false;
        c.conflict_units = vec!["/1/9/".to_owned()];
        c.conflict_persons = vec!["ab".to_owned()];
        let text = serde_json::to_string(&c).expect("json");
        assert_eq!(
            text,
            r#"{"id":1234,"spec":["数学","物理"],"path":"/1/23/456/","conflict_units":["/1/9/"],"conflict_persons":["ab"]}"#
        );
        assert_eq!(serde_json::from_str::<Candidate>(&text).expect("back"), c);
    }

    fn input(needs: &[(&str, i32)], candidates: Vec<Candidate>) -> DrawInput {
        DrawInput {
            kind: DrawKind::Main,
            group_id: 1,
            needs: needs.iter().map(|(s, n)| ((*s).to_owned(), *n)).collect(),
            alternates: 0,
            applicants: vec![Applicant {
                application_id: 9,
                employer_path: "/1/2/".to_owned(),
                person: "X".to_owned(),
            }],
            taken: BTreeSet::new(),
            candidates,
        }
    }

    #[test]
    fn the_stream_is_fixed_by_the_seed() {
        let mut a = Stream::new([7; 32]);
        let mut b = Stream::new([7; 32]);
        let mut c = Stream::new([8; 32]);
        let xs: Vec<u64> = (0..20).map(|_| a.below(1000)).collect();
        let ys: Vec<u64> = (0..20).map(|_| b.below(1000)).collect();
        let zs: Vec<u64> = (0..20).map(|_| c.below(1000)).collect();
        assert_eq!(xs, ys);
        assert_ne!(xs, zs);
        assert!(xs.iter().all(|x| *x < 1000));
    }

    #[test]
    fn one_expert_covers_two_specialties_and_counts_for_both() {
        // Only 张三 (1) has A and B: A:1, B:1 is met by him alone.
        let i = input(&[("A", 1), ("B", 1)], vec![cand(1, &["A", "B"], "/1/9/")]);
        let out = run(&i, [0; 32]).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(out.result.len(), 1);
        assert_eq!(out.result[0].covers, vec!["A", "B"]);
    }

    #[test]
    fn the_unit_tree_recuses_both_ways_and_a_shortfall_names_the_specialty() {
        let mut below = cand(1, &["A"], "/1/2/5/");
        below.employer_is_employing_unit = false;
        let mut above = cand(2, &["A"], "/1/");
        above.employer_is_employing_unit = true;
        let mut hrss_above = cand(3, &["A"], "/1/");
        hrss_above.employer_is_employing_unit = false;
        let i = input(&[("A", 2)], vec![below, above, hrss_above]);
        let err = run(&i, [1; 32]).err();
        assert_eq!(
            err,
            Some(Shortfall {
                group_id: 1,
                specialty: Some("A".to_owned()),
                needed: 2,
                found: 1
            })
        );
        let i = input(&[("A", 1)], i.candidates);
        let out = run(&i, [1; 32]).unwrap_or_else(|e| panic!("{e:?}"));
        let reasons: Vec<_> = out
            .exclusions
            .iter()
            .map(|e| (e.expert_id, e.reason))
            .collect();
        assert_eq!(
            reasons,
            vec![
                (1, ExclusionReason::Employer),
                (2, ExclusionReason::Employer)
            ]
        );
        assert_eq!(out.result[0].expert_id, 3);
    }
}
