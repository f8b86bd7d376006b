// Every test runs as the local stack does: with no bot identity the bot serves unauthenticated activities
// only because this explicit, local-only setting asks it to (tests of the Azure behaviour remove it).
process.env.GT_LOCAL_UNAUTHENTICATED_BOT_DANGER = '1';
