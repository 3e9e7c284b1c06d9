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
/** `POST /api/v1/responses/:id/themes`: a person adds a theme to a comment. */
export const useTagTheme = () => useMutation((id: string, key: string) => call(api.responses[':id'].themes.$post({ param: { id }, json: { key } })));
/** `DELETE /api/v1/responses/:id/themes/:key`: a person removes a theme from a comment. */
export const useUntagTheme = () => useMutation((id: string, key: string) => call(api.responses[':id'].themes[':key'].$delete({ param: { id, key } })));

const latest = (theme: string) => call(api.responses.$get({ query: { theme, limit: '3' } }));
/** The latest comments mentioning a theme: its verbatims when discovery stored none. */
export const useLatestMentions = (theme: string, enabled: boolean) => useQuery(() => latest(theme), `${currentWorkspace()}:${theme}`, enabled);
