// Where the live cluster stands against the branch, as the drift check finds it from the ApplySet's
// recorded commit.

/** How the branch head relates to what is live. */
export type LiveState = 'head' | 'older' | 'never-applied';
