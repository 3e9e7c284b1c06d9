/**
 * Phrase banks for the demo workspace's comments. Each touchpoint has topics with things
 * customers say when happy and when not; the generator strings them together so the demo
 * inbox reads like real feedback rather than one template repeated.
 */
export interface Topic {
  key: string;
  good: string[];
  bad: string[];
}

export const topicsByTouchpoint: Record<string, Topic[]> = {
  signup: [
    {
      key: 'verification-email',
      good: ['the verification email arrived instantly', 'confirming my email took seconds'],
      bad: [
        'the verification email never arrived',
        'I had to request the confirmation email three times',
        'the activation link in the email had already expired',
      ],
    },
    {
      key: 'signup-form',
      good: ['the sign-up form was short and clear', 'signing up with Google was one click', 'creating an account was painless'],
      bad: [
        'the sign-up form asks for far too much information',
        'the password rules are ridiculous and kept rejecting my password',
        'the form cleared everything when I made one mistake',
      ],
    },
    {
      key: 'free-trial',
      good: ['I love that the free trial needs no credit card', 'the trial gives you every feature'],
      bad: ['the trial asked for my credit card up front', 'fourteen days of trial is not enough to evaluate it'],
    },
  ],
  onboarding: [
    {
      key: 'setup-guide',
      good: ['the setup guide walked me through everything', 'the onboarding checklist made it obvious what to do next'],
      bad: ['the setup guide skips important steps', 'I got lost halfway through the onboarding checklist', 'the getting started docs are out of date'],
    },
    {
      key: 'data-import',
      good: ['importing our data from the old tool just worked', 'the CSV import mapped our columns automatically'],
      bad: ['the data import failed twice without telling me why', 'the CSV import mangled our dates', 'importing our contacts took hours'],
    },
    {
      key: 'integrations',
      good: ['the Slack integration was set up in minutes', 'connecting Salesforce was easy'],
      bad: ['the Salesforce integration keeps disconnecting', 'there is no integration with HubSpot yet', 'the Slack integration spams our channel'],
    },
    {
      key: 'onboarding-call',
      good: ['our onboarding specialist was fantastic', 'the kickoff call answered all our questions'],
      bad: ['we waited two weeks for the onboarding call', 'the onboarding call felt like a sales pitch'],
    },
  ],
  support: [
    {
      key: 'response-time',
      good: ['support answered within minutes', 'I got a reply from support really quickly', 'the chat agent picked up straight away'],
      bad: [
        'it took four days to get a reply from support',
        'support response time is way too slow',
        'I waited on hold for forty minutes',
        'nobody answered my ticket for a week',
      ],
    },
    {
      key: 'agent-knowledge',
      good: ['the agent knew the product inside out', 'Sarah from support was knowledgeable and kind', 'the support engineer understood the problem immediately'],
      bad: ['the agent clearly did not understand the product', 'I had to explain my problem to three different people', 'support just sent me links to the FAQ'],
    },
    {
      key: 'first-contact-resolution',
      good: ['my problem was solved on the first contact', 'they fixed it in one go'],
      bad: ['the ticket was closed but the problem is not solved', 'I had to reopen the same ticket twice', 'the fix only lasted a day'],
    },
  ],
  checkout: [
    {
      key: 'payment',
      good: ['paying with Apple Pay was quick', 'the payment went through smoothly'],
      bad: ['my card payment failed three times', 'the payment page kept timing out', 'I was charged twice for the same order'],
    },
    {
      key: 'pricing-clarity',
      good: ['the pricing page is clear and honest', 'no hidden fees, which I appreciate'],
      bad: ['the pricing is confusing and I could not tell what I would pay', 'hidden fees appeared at the last step', 'taxes were only shown at the very end'],
    },
    {
      key: 'checkout-speed',
      good: ['checkout took less than a minute', 'the checkout flow is fast and simple'],
      bad: ['checkout has too many steps', 'the checkout page is painfully slow on mobile', 'I had to create an account just to pay'],
    },
  ],
  renewal: [
    {
      key: 'price-increase',
      good: ['the renewal price stayed the same, thank you', 'the loyalty discount on renewal was a nice touch'],
      bad: ['the price went up thirty percent at renewal without warning', 'the renewal price increase is hard to justify', 'we were auto-renewed at a higher price'],
    },
    {
      key: 'value-for-money',
      good: ['it is worth every penny', 'great value for what we pay'],
      bad: ['it is too expensive for what we actually use', 'we pay for features we never use'],
    },
    {
      key: 'account-manager',
      good: ['our account manager is proactive and helpful', 'the account manager helped us pick the right plan'],
      bad: ['we never hear from our account manager', 'our account manager changed three times this year'],
    },
    {
      key: 'contract-flexibility',
      good: ['switching to monthly billing was easy', 'they let us adjust the number of seats mid-contract'],
      bad: ['we cannot reduce seats until the contract ends', 'cancelling requires a phone call, really?'],
    },
  ],
};

const openers = {
  good: ['Great experience.', 'Really happy.', 'Honestly impressed.', 'Very smooth.', 'Love it!', '', '', ''],
  bad: ['Frustrating.', 'Not great.', 'Really disappointed.', 'Annoying experience.', 'Ugh.', '', '', ''],
  mixed: ['Mixed feelings.', 'Overall ok.', '', ''],
};
const closers = {
  good: ['Keep it up!', 'Would recommend.', 'Thanks!', '', '', ''],
  bad: ['Please fix this.', 'Seriously considering alternatives.', 'Not what I expected.', '', '', ''],
  mixed: ['Could be better.', '', ''],
};

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * A comment for a respondent with the given NPS-like mood (−1 unhappy … 1 happy) about
 * `topic`, sometimes with a second topic for contrast.
 */
export function writeComment(rand: () => number, topic: Topic, mood: number, other: Topic | undefined): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const tone = mood > 0.3 ? 'good' : mood < -0.3 ? 'bad' : 'mixed';
  if (tone === 'mixed' && other) {
    const [first, second] = rand() < 0.5 ? [pick(topic.good), pick(other.bad)] : [pick(topic.bad), pick(other.good)];
    return [pick(openers.mixed), `${cap(first)}, but ${second}.`, pick(closers.mixed)].filter(Boolean).join(' ');
  }
  const side = tone === 'bad' ? topic.bad : topic.good;
  const parts = [pick(openers[tone === 'mixed' ? 'good' : tone]), `${cap(pick(side))}.`];
  if (other && rand() < 0.3) parts.push(`Also, ${pick(tone === 'bad' ? other.bad : other.good)}.`);
  parts.push(pick(closers[tone === 'mixed' ? 'good' : tone]));
  return parts.filter(Boolean).join(' ');
}
