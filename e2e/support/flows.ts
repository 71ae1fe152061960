/** The emulated tenant's Industry Data inbound flows, by display name and id. */
export const FLOWS = {
  unified: { id: '3f6b9e21-c7d4-4a85-d2b9-08dd9c41e7a2', name: 'Fabrikam Unified School District - SDS CSV' },
  oneRoster: { id: 'b8e04c7a-15f3-4d6e-e417-08dda2f05c13', name: 'Contoso SIS OneRoster 1.2' },
  summer: { id: '6d1a7f3e-92b8-4c07-a6c5-08ddb1e47d09', name: 'Fabrikam Summer Academy - SDS CSV' },
  unifiedExpired: { id: '0c94e2b5-7a61-4f3d-fb28-08dcc6d3a85e', name: 'Fabrikam Unified School District - SDS CSV' },
  nextYear: { id: 'e27f5a98-3b0c-4e16-c9d4-08dde0b7192f', name: 'Contoso SIS OneRoster 1.2 - next academic year' },
  pilot: { id: '91c3d6f4-e5a2-4b78-b063-08ddbd5a24e8', name: 'Contoso SIS OneRoster 1.1 - pilot' },
  adultEducation: { id: '5ae8b1c0-4d97-4f2a-e8f1-08dd71c9b3d6', name: 'Fabrikam Adult Education - SDS CSV' },
} as const;

/** `?profiles=` for the given flows. */
export function flowQuery(...flows: { id: string }[]): string {
  return `?profiles=${flows.map((flow) => `industryData:${flow.id}`).join(',')}`;
}
