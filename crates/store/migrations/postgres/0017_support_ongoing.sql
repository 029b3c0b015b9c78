-- Ongoing one-to-one support (issue 7): a request (by the student, or a staff
-- referral), matched by a coordinator to a peer worker; an agreement on the
-- number of sessions that the student confirms; sessions numbered 1..M that
-- can never go past the agreed number plus approved extensions; a closing
-- summary. Referrals to services with a follow-up reminder and an outcome.
-- Content is read only by the student, the peer and the site's supervisors;
-- coordinators see that a support exists and its counts.

-- What a peer worker chooses to show coordinators when they match: the
-- lived-experience topics they are willing to bring (opt-in, empty unless
-- they list some), the languages they hold sessions in, when they are free.
-- Lists are comma-separated slugs checked by the domain.
CREATE TABLE support_peer_profiles (
    user_id UUID PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    topics TEXT NOT NULL DEFAULT '',
    languages TEXT NOT NULL DEFAULT '',
    availability TEXT NOT NULL DEFAULT '',
    open_to_new BOOLEAN NOT NULL DEFAULT TRUE,
    updated_at BIGINT NOT NULL
);

CREATE TABLE support_ongoing (
    id UUID PRIMARY KEY,
    site_id UUID NOT NULL REFERENCES sites(id),
    student_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    -- set when staff referred the student rather than the student asking
    referred_by UUID REFERENCES users(id) ON DELETE SET NULL,
    help_with TEXT NOT NULL,
    language TEXT,
    peer_kind TEXT,
    topics TEXT NOT NULL DEFAULT '',
    availability TEXT NOT NULL DEFAULT '',
    peer_id UUID REFERENCES users(id) ON DELETE SET NULL,
    matched_by UUID REFERENCES users(id) ON DELETE SET NULL,
    matched_at BIGINT,
    -- the agreement: proposed by the peer, confirmed by the student
    agreed_sessions INTEGER,
    covers TEXT,
    proposed_at BIGINT,
    confirmed_at BIGINT,
    -- sessions a supervisor approved on top of the agreed number
    extended_sessions INTEGER NOT NULL DEFAULT 0,
    closing_summary TEXT,
    closed_at BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX support_ongoing_site ON support_ongoing(site_id, created_at);
CREATE INDEX support_ongoing_student ON support_ongoing(student_id);
CREATE INDEX support_ongoing_peer ON support_ongoing(peer_id);

-- Sessions are numbered; the unique number per support is what keeps two
-- racing requests from both taking the last place.
CREATE TABLE support_ongoing_sessions (
    id UUID PRIMARY KEY,
    support_id UUID NOT NULL REFERENCES support_ongoing(id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    starts_at BIGINT NOT NULL,
    ends_at BIGINT NOT NULL,
    booking_id UUID REFERENCES support_bookings(id) ON DELETE SET NULL,
    created_by UUID REFERENCES users(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (support_id, number)
);

-- A peer asks for more sessions with a reason; a supervisor of the site decides.
CREATE TABLE support_ongoing_extensions (
    id UUID PRIMARY KEY,
    support_id UUID NOT NULL REFERENCES support_ongoing(id) ON DELETE CASCADE,
    asked_by UUID REFERENCES users(id) ON DELETE SET NULL,
    sessions INTEGER NOT NULL,
    reason TEXT NOT NULL,
    -- 'approved' or 'declined'; NULL while waiting
    decision TEXT,
    decided_by UUID REFERENCES users(id) ON DELETE SET NULL,
    decided_at BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX support_ongoing_extensions_support ON support_ongoing_extensions(support_id);

-- A referral to a service of the directory, from a session log, an ongoing
-- support or a live event's "I need support" alert. person_label is what the
-- referrer knows (a walk-in's nickname); person_id when they have an account.
CREATE TABLE support_referrals (
    id UUID PRIMARY KEY,
    site_id UUID REFERENCES sites(id),
    referrer_id UUID REFERENCES users(id) ON DELETE SET NULL,
    service_id UUID NOT NULL REFERENCES services(id),
    source TEXT NOT NULL,
    source_id UUID,
    person_id UUID REFERENCES users(id) ON DELETE SET NULL,
    person_label TEXT NOT NULL,
    note TEXT,
    follow_up_at BIGINT NOT NULL,
    -- 'taken-up', 'declined', 'not-reachable', 'waiting'; NULL until checked
    outcome TEXT,
    outcome_at BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX support_referrals_referrer ON support_referrals(referrer_id, created_at);
CREATE INDEX support_referrals_source ON support_referrals(source, source_id);
