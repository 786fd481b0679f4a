package io.heartline.membership;

import io.heartline.core.GroupState;
import io.heartline.core.state.Ownership;

/**
 * One group as this node sees it.
 *
 * @param state      this node's state for the group
 * @param term       the newest ownership term known (epoch, owner)
 * @param since      monotonic ns when {@code state} was entered
 * @param release    the release under way (RELEASING) or wanted once a start finishes (STARTING); null otherwise
 * @param readySince failback = auto: since when a more preferred node has stood ready; -1 if none
 */
public record GroupView(String name, GroupState state, Ownership term, long since, Release release, long readySince) {
    public GroupView withState(GroupState s, long at) {
        return new GroupView(name, s, term, at, release, readySince);
    }

    public GroupView withTerm(Ownership t) {
        return new GroupView(name, state, t, since, release, readySince);
    }

    public GroupView withRelease(Release r) {
        return new GroupView(name, state, term, since, r, readySince);
    }

    public GroupView withReadySince(long t) {
        return new GroupView(name, state, term, since, release, t);
    }
}
