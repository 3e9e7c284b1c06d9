// The rule layer: word lists that change how much other words count. The learned model says
// what a word means; these rules say how the sentence around it bends that meaning, which the
// bag-of-words model cannot see. Multipliers follow VADER (Hutto & Gilbert 2014) where it has one.

/** Words that flip the polarity of what follows them in the same clause. */
export const NEGATORS: ReadonlySet<string> = new Set([
  'not', 'no', 'never', 'nothing', 'nobody', 'none', 'neither', 'nor', 'nowhere', 'without', 'hardly',
  'barely', 'cannot', 'cant', 'dont', 'doesnt', 'didnt', 'isnt', 'arent', 'wasnt', 'werent', 'wont',
  'wouldnt', 'couldnt', 'shouldnt', 'havent', 'hasnt', 'hadnt', 'aint', 'lack', 'lacks', 'lacking',
]);

export const isNegator = (w: string): boolean => NEGATORS.has(w) || w.endsWith("n't");

/** How far a negation reaches: "not really that good" still negates "good". */
export const NEGATION_SCOPE = 4;

/** Degree adverbs scale the next word (VADER's booster increment, as a factor). */
export const INTENSIFIERS: ReadonlyMap<string, number> = new Map([
  ['very', 1.3], ['really', 1.3], ['so', 1.25], ['extremely', 1.5], ['super', 1.3], ['totally', 1.3],
  ['absolutely', 1.4], ['incredibly', 1.4], ['highly', 1.3], ['completely', 1.3], ['utterly', 1.4],
  ['truly', 1.3], ['most', 1.2], ['especially', 1.2], ['exceptionally', 1.4], ['extraordinarily', 1.4],
  ['amazingly', 1.3], ['insanely', 1.4], ['ridiculously', 1.4], ['seriously', 1.3], ['deeply', 1.3],
  ['terribly', 1.3], ['awfully', 1.3], ['hugely', 1.3], ['way', 1.2], ['too', 1.2], ['damn', 1.3],
  ['fucking', 1.4], ['freaking', 1.3], ['quite', 1.1], ['pretty', 1.1], ['such', 1.2],
  ['slightly', 0.6], ['somewhat', 0.7], ['kinda', 0.7], ['kind', 0.8], ['sort', 0.8], ['sorta', 0.7],
  ['fairly', 0.8], ['rather', 0.85], ['marginally', 0.6], ['little', 0.8], ['bit', 0.7], ['mildly', 0.7],
  ['partly', 0.7], ['occasionally', 0.7], ['almost', 0.8],
]);

/** "A but B": B is what the writer means, A is the concession (VADER: 0.5 / 1.5). */
export const CONTRAST_AFTER: ReadonlySet<string> = new Set(['but', 'however', 'nevertheless', 'nonetheless', 'unfortunately']);
/** "although A, B" / "B, though A": the clause holding the word is the concession. */
export const CONCESSIVE: ReadonlySet<string> = new Set(['although', 'though', 'despite', 'whereas']);
export const CONCESSION_WEIGHT = 0.5;
export const EMPHASIS_WEIGHT = 1.5;

/** A word in capitals inside otherwise normal text is shouted (VADER: +0.733 on a 4-point scale). */
export const CAPS_WEIGHT = 1.4;
/** Each "!" makes the whole comment a little more intense, up to four of them. */
export const EXCLAMATION_STEP = 0.08;
export const EXCLAMATION_MAX = 4;

/**
 * Valence of common emoji on [-1, 1]. Training text has too few emoji to learn them, so
 * these are set by hand from the Emoji Sentiment Ranking (Kralj Novak et al. 2015).
 */
export const EMOJI_VALENCE: ReadonlyMap<string, number> = new Map([
  ['😀', 0.7], ['😃', 0.7], ['😄', 0.7], ['😁', 0.7], ['😆', 0.6], ['😅', 0.3], ['🤣', 0.6], ['😂', 0.4],
  ['🙂', 0.5], ['😊', 0.7], ['😇', 0.6], ['🥰', 0.8], ['😍', 0.8], ['🤩', 0.8], ['😘', 0.7], ['😋', 0.6],
  ['😎', 0.5], ['🤗', 0.6], ['👍', 0.6], ['👏', 0.6], ['🙌', 0.6], ['💪', 0.5], ['🎉', 0.7], ['🥳', 0.7],
  ['❤', 0.8], ['❤️', 0.8], ['💕', 0.8], ['💖', 0.8], ['💯', 0.6], ['⭐', 0.5], ['🌟', 0.6], ['✨', 0.5],
  ['🔥', 0.4], ['👌', 0.5], ['✅', 0.4], ['🙏', 0.4], ['😌', 0.3], ['😉', 0.4], ['🤔', -0.1], ['😐', -0.2],
  ['😑', -0.3], ['😶', -0.2], ['🙄', -0.5], ['😒', -0.6], ['😕', -0.5], ['🙁', -0.6], ['☹', -0.6], ['😞', -0.7],
  ['😟', -0.6], ['😔', -0.6], ['😢', -0.7], ['😭', -0.6], ['😩', -0.7], ['😫', -0.7], ['😤', -0.6], ['😠', -0.8],
  ['😡', -0.9], ['🤬', -0.9], ['👎', -0.7], ['💩', -0.7], ['🤮', -0.8], ['🤢', -0.7], ['😱', -0.5], ['😨', -0.6],
  ['😰', -0.6], ['😖', -0.7], ['😣', -0.6], ['💔', -0.7], ['😴', -0.3], ['🥱', -0.4], ['🤦', -0.6], ['❌', -0.5],
  ['⚠', -0.3], ['😬', -0.4], ['😓', -0.5], ['🥺', -0.3], ['😪', -0.4], ['🐌', -0.4],
]);
