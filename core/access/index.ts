export { PLAYGROUND_CHANNEL, refusalOf, unservableReason, type ActivityOrigin, type GateSettings, type Refusal } from './activity-gate';
