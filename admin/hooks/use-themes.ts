import { api, call, currentWorkspace } from '../api';
import { useMutation, useQuery } from './query';

type Patch = Parameters<(typeof api.themes)[':key']['$patch']>[0]['json'];
export type ThemeList = Awaited<ReturnType<typeof list>>;
export type Theme = ThemeList['data'][number];

const list = () => call(api.themes.$get());

/** `GET /api/v1/themes`. */
export const useThemes = (version = 0) => useQuery(list, `${currentWorkspace()}:${version}`);
/** `POST /api/v1/themes`. */
export const useAddTheme = () => useMutation((label: string, keywords: string[]) => call(api.themes.$post({ json: { label, keywords } })));
/** `PATCH /api/v1/themes/:key`. */
export const useUpdateTheme = () => useMutation((key: string, json: Patch) => call(api.themes[':key'].$patch({ param: { key }, json })));
/** `POST /api/v1/themes/discover`. */
export const useDiscoverThemes = () => useMutation(() => call(api.themes.discover.$post()));
