//! Votes (manual §6.2.10.6–§6.2.10.8, SPEC §5): the group vote (advisory), the committee's
//! secret ballot, the tally (统票) and the vote sheet (评审表决表).
//!
//! The rules both ends apply live here: the group's majority view ([`group_view`]) and the
//! tally ([`tally`]) — one pure function in exact integer arithmetic, with the 人社部令第40号
//! thresholds as [`VoteRules`] defaults.

use serde::{Deserialize, Serialize};

use crate::experts::SessionStatus;

text_enum! {
    /// One vote (表决意见).
    VoteChoice {
        /// 同意.
        Agree = "agree", "同意", "Agree";
        /// 不同意.
        Disagree = "disagree", "不同意", "Disagree";
        /// 弃权: not agree.
        Abstain = "abstain", "弃权", "Abstain";
    }
}

text_enum! {
    /// The majority view of a group vote (advisory, 40号令).
    GroupView {
        /// More than half of the votes cast agree: 建议通过.
        Recommended = "recommended", "建议通过", "Recommended";
        /// More than half of the votes cast disagree: 建议不通过.
        NotRecommended = "not_recommended", "建议不通过", "Not recommended";
        /// Neither has more than half (ties, abstentions, no votes): 无多数意见.
        NoMajority = "no_majority", "无多数意见", "No majority";
    }
}

text_enum! {
    /// Where a group's vote stands.
    GroupVoteStatus {
        /// Not opened (进入组内投票 not done).
        NotOpen = "not_open", "未开始", "Not open";
        /// The group's experts vote.
        Open = "open", "投票中", "Open";
        /// Closed (组内统票): the recommendation is recorded.
        Closed = "closed", "已统票", "Closed";
    }
}

/// Counts of one applicant's votes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Counts {
    pub agree: u32,
    pub disagree: u32,
    pub abstain: u32,
}

impl Counts {
    /// Adds one vote.
    pub fn add(&mut self, choice: VoteChoice) {
        match choice {
            VoteChoice::Agree => self.agree += 1,
            VoteChoice::Disagree => self.disagree += 1,
            VoteChoice::Abstain => self.abstain += 1,
        }
    }

    /// Votes cast.
    pub fn total(self) -> u64 {
        u64::from(self.agree) + u64::from(self.disagree) + u64::from(self.abstain)
    }
}

/// The group's majority view: a view holds when it has more than half of the votes cast.
pub fn group_view(c: Counts) -> GroupView {
    let total = c.total();
    if 2 * u64::from(c.agree) > total {
        GroupView::Recommended
    } else if 2 * u64::from(c.disagree) > total {
        GroupView::NotRecommended
    } else {
        GroupView::NoMajority
    }
}

/// The thresholds of the committee vote, as fractions (人社部令第40号 defaults: 2/3 and 2/3).
/// Stored in `app_settings` under [`VoteRules::KEY`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct VoteRules {
    /// The meeting is valid when members attending ≥ committee × `quorum_num / quorum_den`.
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 100))]
    pub quorum_num: u32,
    /// 1–100.
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 100))]
    pub quorum_den: u32,
    /// An applicant passes when agree votes ≥ attending × `pass_num / pass_den`.
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 100))]
    pub pass_num: u32,
    /// 1–100.
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 100))]
    pub pass_den: u32,
}

impl VoteRules {
    /// The `app_settings` key.
    pub const KEY: &'static str = "vote_rules";

    /// The largest denominator a fraction may have.
    pub const MAX_DEN: u32 = 100;

    /// Both fractions are in (0, 1] with denominators of 1–[`VoteRules::MAX_DEN`].
    pub fn valid(&self) -> bool {
        self.fault().is_none()
    }

    /// The first field that breaks [`VoteRules::valid`]: a denominator outside
    /// 1–[`VoteRules::MAX_DEN`], else a numerator outside 1–its denominator.
    pub fn fault(&self) -> Option<&'static str> {
        [
            ("quorum_num", self.quorum_num, "quorum_den", self.quorum_den),
            ("pass_num", self.pass_num, "pass_den", self.pass_den),
        ]
        .into_iter()
        .find_map(|(num_field, n, den_field, d)| {
            if !(1..=Self::MAX_DEN).contains(&d) {
                Some(den_field)
            } else if !(1..=d).contains(&n) {
                Some(num_field)
            } else {
                None
            }
        })
    }

    /// The least number of members attending that makes the meeting valid.
    pub fn quorum(&self, committee_size: u32) -> u32 {
        ceil_fraction(committee_size, self.quorum_num, self.quorum_den)
    }

    /// The least number of agree votes that passes, with `attending` members.
    pub fn pass_mark(&self, attending: u32) -> u32 {
        ceil_fraction(attending, self.pass_num, self.pass_den)
    }
}

impl Default for VoteRules {
    fn default() -> Self {
        VoteRules {
            quorum_num: 2,
            quorum_den: 3,
            pass_num: 2,
            pass_den: 3,
        }
    }
}

/// ⌈n × num / den⌉ in integers (`den` ≥ 1).
fn ceil_fraction(n: u32, num: u32, den: u32) -> u32 {
    let top = u64::from(n) * u64::from(num);
    let den = u64::from(den.max(1));
    u32::try_from(top.div_ceil(den)).unwrap_or(u32::MAX)
}

/// Why a tally cannot be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TallyRefusal {
    /// Members attending are fewer than the quorum: the meeting is not valid.
    QuorumNotMet { attending: u32, quorum: u32 },
    /// An applicant has more votes than members attending (the record is inconsistent).
    TooManyVotes { application_id: i64 },
}

/// One applicant's outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    pub application_id: i64,
    pub counts: Counts,
    pub passed: bool,
}

/// The tally (统票): valid when `attending × quorum_den ≥ committee_size × quorum_num`; an
/// applicant passes when `agree × pass_den ≥ attending × pass_num` (abstentions and missing
/// votes are not agree; "at least" includes the bound). Exact integer arithmetic.
pub fn tally(
    rules: &VoteRules,
    committee_size: u32,
    attending: u32,
    votes: &[(i64, Counts)],
) -> Result<Vec<Outcome>, TallyRefusal> {
    let quorum_ok = u64::from(attending) * u64::from(rules.quorum_den)
        >= u64::from(committee_size) * u64::from(rules.quorum_num);
    if !quorum_ok || attending == 0 {
        return Err(TallyRefusal::QuorumNotMet {
            attending,
            quorum: rules.quorum(committee_size).max(1),
        });
    }
    votes
        .iter()
        .map(|&(application_id, counts)| {
            if counts.total() > u64::from(attending) {
                return Err(TallyRefusal::TooManyVotes { application_id });
            }
            let passed = u64::from(counts.agree) * u64::from(rules.pass_den)
                >= u64::from(attending) * u64::from(rules.pass_num);
            Ok(Outcome {
                application_id,
                counts,
                passed,
            })
        })
        .collect()
}

/// One vote of a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct VoteEntry {
    pub application_id: i64,
    pub choice: VoteChoice,
}

/// Votes on one or more applicants at once (a group vote or a committee ballot). All or
/// nothing; a vote never changes once cast.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct VoteRequest {
    pub votes: Vec<VoteEntry>,
}

/// What a cast answers: how many votes and on whom — never the choices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CastAnswer {
    pub cast: u32,
    pub application_ids: Vec<i64>,
}

/// A group's recorded recommendation for one applicant (advisory).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GroupRecommendation {
    pub counts: Counts,
    pub view: GroupView,
}

/// An applicant as the votes show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VoteApplicant {
    pub application_id: i64,
    pub name: String,
    pub employer: String,
    pub specialty: String,
    pub qualification: String,
    pub group_name: String,
    /// The group's recommendation once its vote is closed.
    pub recommendation: Option<GroupRecommendation>,
    /// The caller has voted on this applicant (its own fact; never anybody's choice).
    pub i_voted: bool,
    /// How many votes were cast on this applicant so far (never which).
    pub votes_cast: u32,
}

/// The group vote screen (组内投票).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GroupVote {
    pub group_id: i64,
    pub group_name: String,
    pub session_id: i64,
    pub session_name: String,
    pub session_status: SessionStatus,
    pub status: GroupVoteStatus,
    pub version: i64,
    /// Reviews of the group: completed of all.
    pub reviews: u32,
    pub reviews_completed: u32,
    /// Serving experts of the group and how many are signed in.
    pub experts: u32,
    pub experts_signed_in: u32,
    /// The caller is the group's leader (opens and closes).
    pub is_leader: bool,
    /// The caller may vote now (a signed-in expert of the group while it is open).
    pub may_vote: bool,
    pub applicants: Vec<VoteApplicant>,
}

/// The committee vote screen (评委会投票).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CommitteeVote {
    pub session_id: i64,
    pub session_name: String,
    pub status: SessionStatus,
    pub version: i64,
    /// Serving experts with a committee position.
    pub committee_size: u32,
    /// Of them, signed in now.
    pub members_signed_in: u32,
    /// The least number attending for a valid meeting.
    pub quorum: u32,
    pub rules: VoteRules,
    /// The caller is a member of the committee (votes when signed in and open).
    pub is_member: bool,
    pub may_vote: bool,
    /// The caller may tally (the director or the organising unit, while voting is open).
    pub may_tally: bool,
    pub applicants: Vec<VoteApplicant>,
}

/// One row of the vote sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VoteSheetRow {
    pub application_id: i64,
    pub name: String,
    pub employer: String,
    pub specialty: String,
    pub qualification: String,
    pub group_name: String,
    pub recommendation: Option<GroupRecommendation>,
    pub counts: Counts,
    pub attending: u32,
    pub passed: bool,
}

/// The vote sheet (评审表决表) of a tallied session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VoteSheet {
    pub session_id: i64,
    pub session_name: String,
    pub committee_name: String,
    pub year: i32,
    pub session_date: String,
    pub tallied_at: String,
    pub committee_size: u32,
    pub attending: u32,
    pub quorum: u32,
    pub rules: VoteRules,
    /// Ballots recorded.
    pub ballots: u32,
    /// SHA-256 (hex) of the ballots in canonical order, stored at the tally.
    pub digest: String,
    /// The ballots on record still give the stored digest.
    pub digest_verified: bool,
    pub passed: u32,
    pub rows: Vec<VoteSheetRow>,
}

/// One row of the tally results (统票结果).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TallyResult {
    pub session_id: i64,
    pub session_name: String,
    pub committee_id: i64,
    pub committee_name: String,
    pub year: i32,
    pub application_id: i64,
    pub name: String,
    pub employer: String,
    pub specialty: String,
    pub qualification: String,
    pub counts: Counts,
    pub attending: u32,
    pub passed: bool,
    pub tallied_at: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(agree: u32, disagree: u32, abstain: u32) -> Counts {
        Counts {
            agree,
            disagree,
            abstain,
        }
    }

    #[test]
    fn quorum_and_pass_at_exactly_two_thirds_and_one_below() {
        let r = VoteRules::default();
        // 25 members: 2/3 is 16.67 → 17 attend is enough, 16 is not.
        assert!(tally(&r, 25, 17, &[]).is_ok());
        assert_eq!(
            tally(&r, 25, 16, &[]),
            Err(TallyRefusal::QuorumNotMet {
                attending: 16,
                quorum: 17
            })
        );
        // 21 members: exactly 14 is 2/3.
        assert!(tally(&r, 21, 14, &[]).is_ok());
        assert!(tally(&r, 21, 13, &[]).is_err());
        // 15 attending: exactly 10 agree passes, 9 does not.
        let out = tally(&r, 21, 15, &[(1, c(10, 5, 0)), (2, c(9, 0, 6))]).expect("valid");
        assert!(out[0].passed);
        assert!(!out[1].passed);
        // Abstentions are not agree; missing votes neither.
        let out = tally(&r, 21, 15, &[(3, c(9, 0, 0))]).expect("valid");
        assert!(!out[0].passed);
        // 14 attending: 2/3 is 9.33 → 10 needed.
        let out = tally(&r, 21, 14, &[(4, c(9, 5, 0)), (5, c(10, 4, 0))]).expect("valid");
        assert_eq!((out[0].passed, out[1].passed), (false, true));
        assert_eq!(r.pass_mark(14), 10);
        assert_eq!(r.pass_mark(15), 10);
        assert_eq!(r.quorum(21), 14);
    }

    #[test]
    fn no_one_attending_is_never_a_meeting() {
        assert!(tally(&VoteRules::default(), 0, 0, &[]).is_err());
    }

    #[test]
    fn more_votes_than_attending_is_refused() {
        assert_eq!(
            tally(&VoteRules::default(), 3, 3, &[(7, c(2, 1, 1))]),
            Err(TallyRefusal::TooManyVotes { application_id: 7 })
        );
    }

    #[test]
    fn group_view_needs_more_than_half() {
        assert_eq!(group_view(c(2, 1, 0)), GroupView::Recommended);
        assert_eq!(group_view(c(1, 2, 0)), GroupView::NotRecommended);
        assert_eq!(group_view(c(1, 1, 0)), GroupView::NoMajority);
        assert_eq!(group_view(c(2, 0, 2)), GroupView::NoMajority);
        assert_eq!(group_view(c(0, 0, 0)), GroupView::NoMajority);
    }

    /// A seeded xorshift (no `rand`/`proptest` in this crate): the same cases every run.
    struct Gen(u64);
    impl Gen {
        fn next(&mut self) -> u64 {
            let mut x = self.0;
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            self.0 = x;
            x
        }
        fn below(&mut self, n: u32) -> u32 {
            u32::try_from(self.next() % u64::from(n.max(1))).unwrap_or(0)
        }
    }

    /// The model: the least passing number of agree votes, found by walking up.
    fn model_passes(agree: u32, attending: u32, num: u32, den: u32) -> bool {
        // The least k with k / attending ≥ num / den, found by walking k up.
        let mut k = 0;
        while k * den < attending * num {
            k += 1;
        }
        agree >= k
    }

    fn model_quorum(size: u32, attending: u32, num: u32, den: u32) -> bool {
        // The least q with q / size ≥ num / den, found by walking q up.
        let mut q = 0;
        while q * den < size * num {
            q += 1;
        }
        attending > 0 && attending >= q
    }

    #[test]
    fn tally_agrees_with_a_brute_force_model_on_random_committees() {
        let mut g = Gen(0x9E37_79B9_7F4A_7C15);
        for _ in 0..20_000 {
            let rules = if g.below(4) == 0 {
                let den = 1 + g.below(10);
                let pden = 1 + g.below(10);
                VoteRules {
                    quorum_num: 1 + g.below(den),
                    quorum_den: den,
                    pass_num: 1 + g.below(pden),
                    pass_den: pden,
                }
            } else {
                VoteRules::default()
            };
            let size = 1 + g.below(60);
            let attending = g.below(size + 1);
            // Ballots one by one, as members might cast them (some do not vote).
            let applicants = g.below(6);
            let mut votes = Vec::new();
            for id in 0..applicants {
                let mut counts = Counts::default();
                for _ in 0..attending {
                    match g.below(4) {
                        0 => counts.add(VoteChoice::Agree),
                        1 => counts.add(VoteChoice::Disagree),
                        2 => counts.add(VoteChoice::Abstain),
                        _ => {}
                    }
                    if g.below(3) == 0 {
                        counts.add(VoteChoice::Agree);
                        counts.agree = counts.agree.min(attending);
                    }
                }
                // Keep the record consistent: at most one vote per attending member.
                while counts.total() > u64::from(attending) {
                    if counts.abstain > 0 {
                        counts.abstain -= 1;
                    } else if counts.disagree > 0 {
                        counts.disagree -= 1;
                    } else {
                        counts.agree -= 1;
                    }
                }
                votes.push((i64::from(id), counts));
            }
            let got = tally(&rules, size, attending, &votes);
            let valid = model_quorum(size, attending, rules.quorum_num, rules.quorum_den);
            match got {
                Err(TallyRefusal::QuorumNotMet { .. }) => assert!(!valid, "{size} {attending}"),
                Err(e) => panic!("unexpected {e:?}"),
                Ok(out) => {
                    assert!(valid, "{size} {attending} {rules:?}");
                    for (o, (id, counts)) in out.iter().zip(&votes) {
                        assert_eq!(o.application_id, *id);
                        assert_eq!(
                            o.passed,
                            model_passes(counts.agree, attending, rules.pass_num, rules.pass_den),
                            "{counts:?} of {attending} under {rules:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn the_default_rules_are_valid_and_bad_ones_are_not() {
        assert!(VoteRules::default().valid());
        let r = VoteRules {
            pass_num: 4,
            ..VoteRules::default()
        };
        assert!(!r.valid());
        let r = VoteRules {
            quorum_den: 0,
            ..VoteRules::default()
        };
        assert!(!r.valid());
    }

    #[test]
    fn the_fault_names_the_field_at_the_bounds() {
        let with = |quorum_num, quorum_den, pass_num, pass_den| VoteRules {
            quorum_num,
            quorum_den,
            pass_num,
            pass_den,
        };
        assert_eq!(with(1, 1, 100, 100).fault(), None, "1/1 and 100/100");
        assert_eq!(with(1, 100, 3, 4).fault(), None, "1/100 and 3/4");
        assert_eq!(with(2, 3, 2, 0).fault(), Some("pass_den"));
        assert_eq!(with(2, 3, 2, 101).fault(), Some("pass_den"));
        assert_eq!(with(2, 3, 4, 3).fault(), Some("pass_num"));
        assert_eq!(with(2, 3, 0, 3).fault(), Some("pass_num"));
        assert_eq!(with(0, 3, 2, 3).fault(), Some("quorum_num"));
        // The quorum is named first; a numerator over a bad denominator names the denominator.
        assert_eq!(with(4, 0, 4, 3).fault(), Some("quorum_den"));
    }
}
