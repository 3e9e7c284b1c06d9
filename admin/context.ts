import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

/** What the current role may change; pages hide edit controls from viewers (the server enforces it anyway). */
export interface Access {
  canEdit: boolean;
  isOwner: boolean;
}
export const AccessContext = createContext<Access>({ canEdit: false, isOwner: false });
export const useAccess = (): Access => useContext(AccessContext);
