// The starter CX codeframe: the themes most customer feedback falls into, in two levels, with
// seed vocabulary. Discovery snaps what it finds to these labels, so two workspaces that talk
// about waiting both get "Waiting times", and a theme's key stays the same as comments arrive.
// Seeds are lower-case words or phrases as customers write them; word vectors widen each seed
// to its near synonyms, so the lists name the idea, not every spelling of it.

export interface CodeframeTheme { key: string; label: string; seeds: string[] }
export interface CodeframeCategory { label: string; themes: CodeframeTheme[] }

const theme = (key: string, label: string, seeds: string): CodeframeTheme => ({ key, label, seeds: seeds.split(',').map((s) => s.trim()).filter(Boolean) });

export const CODEFRAME: readonly CodeframeCategory[] = [
  { label: 'Price and value', themes: [
    theme('pricing-value', 'Pricing and value', 'price, prices, pricing, expensive, overpriced, cheap, cheaper, affordable, cost, costs, costly, value for money, worth the money, pricey, rates, fee, fees, subscription price'),
    theme('billing-errors', 'Billing errors', 'billing, bill, bills, invoice, invoices, charged, charge, charges, overcharged, double charged, charged twice, payment, payments, transaction, direct debit, statement'),
    theme('refunds', 'Refunds', 'refund, refunds, refunded, money back, reimburse, reimbursement, compensation, chargeback, credit back'),
    theme('discounts', 'Discounts and offers', 'discount, discounts, coupon, voucher, promo, promotion, offer, offers, deal, deals, loyalty points, rewards'),
  ] },
  { label: 'Orders and delivery', themes: [
    theme('checkout', 'Checkout and ordering', 'checkout, check out, basket, cart, shopping cart, purchase, purchasing, ordering, place an order, order form, payment page'),
    theme('delivery', 'Delivery', 'delivery, deliveries, delivered, shipping, shipment, shipped, courier, parcel, package, dispatch, dispatched, tracking, postage, arrived'),
    theme('damaged-items', 'Damaged or wrong items', 'damaged, broken item, wrong item, missing item, defective, faulty, dented, scratched, wrong size, wrong order'),
    theme('luggage', 'Luggage', 'luggage, baggage, bag, bags, suitcase, suitcases, baggage claim, carousel, lost bag, checked bag'),
  ] },
  { label: 'Waiting', themes: [
    theme('waiting-times', 'Waiting times', 'wait, waiting, waited, wait time, waiting time, queue, queues, queuing, line, lines, hours, minutes, long wait, waiting room'),
    theme('speed-of-service', 'Speed of service', 'quick, quickly, efficient, efficiency, prompt, promptly, speedy, swift, fast service, straight away, seen quickly, no waiting, on time'),
    theme('delays', 'Delays', 'delay, delays, delayed, late, lateness, punctual, postponed, behind schedule, departure, arrival'),
    theme('appointments', 'Appointments and booking', 'appointment, appointments, booking, booked, book, reservation, reservations, reschedule, rebook, availability, slot, slots, schedule, referral, ticket, tickets, seat selection'),
    theme('cancellations', 'Cancellations', 'cancelled, canceled, cancellation, cancellations, cancel'),
  ] },
  { label: 'Support', themes: [
    theme('support-response-time', 'Support response time', 'response time, respond, responded, phone, telephone, calls, calling, reply, replied, replies, get back, call back, callback, on hold, hold, answer the phone, ticket, tickets, no response, waiting for a reply'),
    theme('problem-resolution', 'Problem resolution', 'resolve, resolved, resolution, solve, solved, fix, fixed, sorted, escalate, escalated, follow up, still not fixed'),
    theme('customer-service', 'Customer service', 'customer service, customer support, support team, helpdesk, help desk, call centre, call center, agent, agents, representative, advisor, chat, live chat'),
  ] },
  { label: 'Staff', themes: [
    theme('staff-attitude', 'Staff attitude', 'rude, polite, friendly, helpful, unhelpful, supportive, attentive, reassuring, understanding, unfriendly, kind, kindness, courteous, attitude, manner, manners, respectful, disrespectful, caring, compassionate, welcoming, patient, empathy, smile, arrogant, dismissive'),
    theme('staff-knowledge', 'Staff knowledge', 'knowledgeable, knowledge, expertise, expert, competent, incompetent, clueless, trained, training, professional, professionalism, skilled, experienced'),
    theme('staff', 'Staff', 'staff, team, employees, employee, crew, attendant, attendants, flight attendant, receptionist, nurse, nurses, doctor, doctors, waiter, waitress, pilot, manager, cashier'),
  ] },
  { label: 'Product', themes: [
    theme('product-quality', 'Product quality', 'quality, durable, flimsy, build quality, well made, poorly made, material, materials, battery, screen, sound quality, design'),
    theme('bugs', 'Product bugs', 'bug, bugs, buggy, crash, crashes, crashed, crashing, glitch, glitches, error, errors, freeze, freezes, frozen, not working, stopped working, broken, keeps crashing'),
    theme('features', 'Features', 'feature, features, functionality, function, option, options, integration, integrations, customisation, customization, feature request, dark mode, export, reports'),
    theme('performance', 'Speed and performance', 'slow, slower, speed, fast, faster, loading, load, lag, laggy, performance, responsive, sluggish, takes forever'),
    theme('ease-of-use', 'Ease of use', 'easy to use, easy, simple, intuitive, confusing, complicated, user friendly, interface, navigation, navigate, layout, usability, clunky, straightforward'),
  ] },
  { label: 'Onboarding', themes: [
    theme('onboarding', 'Onboarding and setup', 'onboarding, setup, set up, installation, install, installed, getting started, sign up, signup, registration, register, activation, migration, implementation'),
    theme('documentation', 'Documentation and help', 'documentation, docs, guide, guides, manual, instructions, tutorial, tutorials, faq, help articles, knowledge base, how to'),
  ] },
  { label: 'Account', themes: [
    theme('account-access', 'Account access', 'login, log in, logged out, sign in, password, passwords, locked out, username, verification, verify, two factor, authentication, reset password, access my account, pin'),
    theme('privacy-security', 'Privacy and security', 'privacy, security, secure, fraud, scam, hacked, data protection, personal data, spam'),
  ] },
  { label: 'Communication', themes: [
    theme('communication', 'Communication', 'communication, communicate, informed, inform, information, updates, update, kept informed, notified, notification, notifications, explained, explanation, emails, letters, listen, listened'),
  ] },
  { label: 'Cancellation', themes: [
    theme('cancelling-subscription', 'Cancelling and leaving', 'cancel my subscription, unsubscribe, close my account, terminate, contract, switching, switched, renewal, auto renew'),
  ] },
  { label: 'Facilities', themes: [
    theme('cleanliness', 'Cleanliness', 'clean, cleanliness, dirty, filthy, hygiene, hygienic, tidy, smell, smelly, toilets, toilet, bathroom, bathrooms'),
    theme('comfort', 'Comfort and facilities', 'comfortable, uncomfortable, comfort, seat, seats, seating, legroom, bed, beds, room, rooms, noise, noisy, quiet, temperature, facilities, wifi, entertainment, pool'),
    theme('location-parking', 'Location and parking', 'parking, car park, park, location, located, directions, signage, signs, transport, bus, train, wheelchair'),
  ] },
  { label: 'Food and drink', themes: [
    theme('food', 'Food and drink', 'food, meal, meals, menu, dish, dishes, taste, tasty, delicious, drinks, drink, coffee, tea, snacks, breakfast, lunch, dinner, portion, portions'),
  ] },
  { label: 'Care', themes: [
    theme('care-treatment', 'Care and treatment', 'care, cared, treatment, treated, diagnosis, medication, medicine, examination, procedure, surgery, therapy, ward, clinic, hospital, consultation, looked after'),
  ] },
  { label: 'Overall', themes: [
    theme('overall-experience', 'Overall experience', 'excellent, great, amazing, brilliant, fantastic, wonderful, terrible, awful, horrible, perfect, good experience, bad experience, thank you, thanks, recommend, best, worst'),
    theme('nothing-to-improve', 'Nothing to improve', 'nothing, nothing to improve, nothing really, keep it up, keep doing, carry on, no improvement, no complaints, all good, cannot think, can not think, none'),
  ] },
];

/** Every codeframe theme with its category's label. */
export const CODEFRAME_THEMES: readonly (CodeframeTheme & { category: string })[] = CODEFRAME.flatMap((c) => c.themes.map((t) => ({ ...t, category: c.label })));
