// People for unit tests of forums and channels (forum* beside the tracker's people of tracker-world.ts).
import type { Person } from '../model/person';

export const forumOfficer: Person = {
  id: '11111111-1111-4111-8111-111111111111',
  upn: 'pat.officer@council.example',
  displayName: 'Pat Officer',
  roles: ['participation_officer'],
};
export const forumFacilitator: Person = {
  id: '22222222-2222-4222-8222-222222222222',
  upn: 'fran.facilitator@advocacy.example',
  displayName: 'Fran Facilitator',
  roles: ['social_worker'],
};
export const forumWorker: Person = {
  id: '33333333-3333-4333-8333-333333333333',
  upn: 'sam.worker@council.example',
  displayName: 'Sam Worker',
  roles: ['social_worker', 'manager'],
};
export const forumAdmin: Person = { ...forumOfficer, id: '44444444-4444-4444-8444-444444444444', roles: ['admin'] };
