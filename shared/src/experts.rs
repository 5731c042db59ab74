//! Experts (专家, manual §6.5) and the review session (评委会管理, manual §6.2.10, SPEC §5):
//! the states and positions both ends apply. The wire shapes of the endpoints live next to
//! these enums (`crate::experts` DTOs are added by the endpoints that carry them).

use serde::Serialize;

text_enum! {
    /// An expert's standing in one committee's pool.
    PoolStatus {
        /// 预入库: entered by the organising unit or its HRSS, no account yet.
        PreEntry = "pre_entry", "预入库", "Pre-entry";
        /// 已邀请: an `expert` account exists; the expert has not completed the profile.
        Invited = "invited", "已邀请", "Invited";
        /// 在库: may be drawn.
        Active = "active", "在库", "Active";
        /// 暂停: kept, not drawn until resumed.
        Suspended = "suspended", "暂停", "Suspended";
        /// 移出: removed with a reason (an integrity record removes from every pool).
        Removed = "removed", "已移出", "Removed";
    }
}

impl PoolStatus {
    /// Whether an organising unit may move a pool member from `self` to `to` by hand
    /// (invite and profile completion are their own actions).
    pub fn may_move_to(self, to: PoolStatus) -> bool {
        use PoolStatus::*;
        matches!(
            (self, to),
            (Active, Suspended)
                | (Suspended, Active)
                | (PreEntry | Invited | Active | Suspended, Removed)
        )
    }
}

text_enum! {
    /// The status of a review session; see [`SessionStatus::next`].
    SessionStatus {
        /// 组建中: groups, counts, draw, positions and settings may change.
        Setup = "setup", "组建中", "Setting up";
        /// 评审中: attendance, distribution and expert review.
        Reviewing = "reviewing", "评审中", "Reviewing";
        /// 小组投票: the groups vote.
        GroupVoting = "group_voting", "小组投票", "Group voting";
        /// 评委会投票: the committee votes.
        CommitteeVoting = "committee_voting", "评委会投票", "Committee voting";
        /// 已统票: the vote sheet exists.
        Tallied = "tallied", "已统票", "Tallied";
        /// 已结束.
        Closed = "closed", "已结束", "Closed";
    }
}

impl SessionStatus {
    /// The one status a session may move to from this one (the statuses are a line).
    pub fn next(self) -> Option<SessionStatus> {
        use SessionStatus::*;
        match self {
            Setup => Some(Reviewing),
            Reviewing => Some(GroupVoting),
            GroupVoting => Some(CommitteeVoting),
            CommitteeVoting => Some(Tallied),
            Tallied => Some(Closed),
            Closed => None,
        }
    }

    /// Groups, applications, counts, draws, positions and settings change only while setting up.
    pub fn setup_open(self) -> bool {
        self == SessionStatus::Setup
    }

    /// Attendance, blind opinions, distribution and expert reviews happen while reviewing.
    pub fn review_open(self) -> bool {
        self == SessionStatus::Reviewing
    }
}

text_enum! {
    /// A committee position (评委会职务): only experts with one vote in the committee.
    CommitteePosition {
        /// 评委会委员.
        Member = "member", "评委会委员", "Member";
        /// 副主任委员.
        ViceDirector = "vice_director", "副主任委员", "Vice director";
        /// 主任委员.
        Director = "director", "主任委员", "Director";
    }
}

text_enum! {
    /// An expert's place in a session.
    SessionExpertStatus {
        /// Drawn into a group and serving.
        Active = "active", "在组", "Serving";
        /// Declined; replaced by an alternate.
        Declined = "declined", "已谢绝", "Declined";
        /// An alternate (候补) not yet used.
        Alternate = "alternate", "候补", "Alternate";
    }
}

text_enum! {
    /// A draw of experts: the main draw or alternates.
    DrawKind {
        /// 抽取.
        Main = "main", "抽取", "Draw";
        /// 候补抽取.
        Alternate = "alternate", "候补抽取", "Alternates";
    }
}

text_enum! {
    /// What a declared conflict of interest names.
    ConflictKind {
        /// A unit and its subtree.
        Unit = "unit", "单位", "Unit";
        /// A person, by ID number.
        Person = "person", "人员", "Person";
    }
}

/// 人社部令第40号: a review group has at least this many experts.
pub const MIN_GROUP_EXPERTS: usize = 3;
/// 人社部令第40号: an expert's term in a pool is at most three years.
pub const MAX_TERM_YEARS: i32 = 3;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_session_statuses_are_a_line_from_setup_to_closed() {
        let mut seen = vec![SessionStatus::Setup];
        while let Some(next) = seen.last().unwrap().next() {
            seen.push(next);
        }
        assert_eq!(seen, SessionStatus::ALL);
    }

    #[test]
    fn only_the_listed_pool_moves_are_allowed() {
        use PoolStatus::*;
        let allowed = [
            (Active, Suspended),
            (Suspended, Active),
            (PreEntry, Removed),
            (Invited, Removed),
            (Active, Removed),
            (Suspended, Removed),
        ];
        for &from in PoolStatus::ALL {
            for &to in PoolStatus::ALL {
                assert_eq!(
                    from.may_move_to(to),
                    allowed.contains(&(from, to)),
                    "{from} → {to}"
                );
            }
        }
    }
}
