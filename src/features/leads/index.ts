// The leads feature's only door. Other features import from here.
export { suppress, isSuppressed, normaliseSuppression, type TSuppressInput } from './suppression';
export { addLeadEvent, addLeadEvents, findLeadEvents, type TLeadEventInput } from './timeline';
