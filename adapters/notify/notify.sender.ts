/**
 * GOV.UK Notify: sends the call summary by text or email. The API key and template ids come from
 * configuration; the base URL can point at a stand-in for tests. Each template holds one placeholder,
 * ((summary)), and the email template also ((subject)), so the words stay in our content store.
 */
import { createRequire } from 'node:module';
import type notificationsModule from 'notifications-node-client';

type Notifications = typeof notificationsModule;
import type { SummaryChannel } from '../../bot/staff/call.js';

export interface SummaryMessage {
  channel: SummaryChannel;
  /** The mobile number or email address: used for this request only. */
  to: string;
  summary: string;
  subject: string;
  /** Our case reference, so Notify's own records can be matched to the call. */
  reference: string;
}

export interface SummarySender {
  send(message: SummaryMessage): Promise<{ id?: string }>;
}

export interface NotifyOptions {
  apiKey: string;
  baseUrl: string;
  smsTemplateId: string;
  emailTemplateId: string;
}

export class NotifySummarySender implements SummarySender {
  private readonly client: InstanceType<Notifications['NotifyClient']>;

  constructor(private readonly options: NotifyOptions) {
    // Loaded only when summaries are switched on: most instances never need it.
    const notifications = createRequire(import.meta.url)('notifications-node-client') as Notifications;
    this.client = new notifications.NotifyClient(options.baseUrl, options.apiKey);
  }

  async send(message: SummaryMessage): Promise<{ id?: string }> {
    const response =
      message.channel === 'sms'
        ? await this.client.sendSms(this.options.smsTemplateId, message.to, { personalisation: { summary: message.summary }, reference: message.reference })
        : await this.client.sendEmail(this.options.emailTemplateId, message.to, {
            personalisation: { summary: message.summary, subject: message.subject },
            reference: message.reference,
          });
    return { id: (response.data as { id?: string } | undefined)?.id };
  }
}
