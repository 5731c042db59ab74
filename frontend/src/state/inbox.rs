//! What the top bar's unread count listens to: the inbox page says when it marked notices
//! read, and the count is asked for again. The count itself is the top bar's
//! ([`crate::components::header`]); only the news that it changed travels through here.

use std::rc::Rc;

use yew::prelude::*;

/// How many times notices were marked read in this document.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct InboxReads(u32);

impl Reducible for InboxReads {
    type Action = ();

    fn reduce(self: Rc<Self>, (): ()) -> Rc<Self> {
        Rc::new(InboxReads(self.0.wrapping_add(1)))
    }
}

/// The context (the shell's layout provides it): the count of reads, and `dispatch(())` to add
/// one.
pub type InboxContext = UseReducerHandle<InboxReads>;

/// The reads so far (0 outside a provider): a dependency of the top bar's count.
#[hook]
pub fn use_inbox_reads() -> u32 {
    use_context::<InboxContext>().map_or(0, |reads| reads.0)
}

/// Tells the top bar that notices were marked read (nothing outside a provider).
#[hook]
pub fn use_notices_read() -> Callback<()> {
    let reads = use_context::<InboxContext>();
    Callback::from(move |()| {
        if let Some(reads) = &reads {
            reads.dispatch(());
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_read_is_news() {
        let reads = Rc::new(InboxReads::default());
        let once = reads.clone().reduce(());
        assert_ne!(*once, *reads);
        assert_eq!(*once.reduce(()), InboxReads(2));
        // The count wraps instead of overflowing in a tab left open for ever.
        assert_eq!(*Rc::new(InboxReads(u32::MAX)).reduce(()), InboxReads(0));
    }
}
