/** The ways a notice can reach a recipient; a pack names one per role. */
export const channelNames = ['outbox', 'smtp', 'govuk-notify', 'webhook'] as const;
export type ChannelName = (typeof channelNames)[number];
