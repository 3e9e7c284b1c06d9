import { api, call, currentWorkspace } from '../api';
import { useMutation, useQuery } from './query';

export type SurveyInput = Parameters<typeof api.surveys.$post>[0]['json'];
export type SurveyPatch = Parameters<(typeof api.surveys)[':id']['$patch']>[0]['json'];
export type Survey = Awaited<ReturnType<typeof one>>;
export type SurveyStatus = Survey['status'];

const one = (id: string) => call(api.surveys[':id'].$get({ param: { id } }));

/** `GET /api/v1/surveys`. */
export const useSurveys = (version = 0) => useQuery(() => call(api.surveys.$get({ query: {} })), `${currentWorkspace()}:${version}`);
/** `GET /api/v1/surveys/:id`. */
export const useSurvey = (id: string, enabled = true) => useQuery(() => one(id), `${currentWorkspace()}:${id}`, enabled);
/** `POST /api/v1/surveys`. */
export const useCreateSurvey = () => useMutation((json: SurveyInput) => call(api.surveys.$post({ json })));
/** `PATCH /api/v1/surveys/:id`. */
export const useUpdateSurvey = () => useMutation((id: string, json: SurveyPatch) => call(api.surveys[':id'].$patch({ param: { id }, json })));
/** `DELETE /api/v1/surveys/:id`. */
export const useDeleteSurvey = () => useMutation((id: string) => call(api.surveys[':id'].$delete({ param: { id } })));
