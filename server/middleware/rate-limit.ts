// Moved to server/services/rate-limit.ts (it counts requests; it is not middleware). This
// re-export keeps imports from branches made before the move working; delete it once none remain.
export * from '../services/rate-limit';
