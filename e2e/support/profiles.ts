/** The emulated tenant's classic sync profiles, by display name and id. */
export const PROFILES = {
  csv2024: { id: '24114164-9925-49ce-8c6a-91f9c5ae2331', name: 'Fabrikam High School - CSV 2024' },
  oneRoster: { id: 'e5c4cad3-ff7d-492c-b35c-504c6ae22a5c', name: 'Northwind Middle School - OneRoster' },
  powerSchool: { id: '4f798f5c-9789-4240-bdfa-4d179bb1b47d', name: 'Fabrikam Elementary - PowerSchool' },
  tailspin: { id: '4e572431-25fe-4dbd-b52a-c0ad8b57d858', name: 'Tailspin Academy - OneRoster (OAuth1)' },
  archived: { id: '2f37d0f5-d8d2-4e8c-a910-a695ca23d1dd', name: 'Fabrikam High School - CSV 2023 (archived)' },
  sandbox: { id: '9d77549b-e11e-43ef-8493-d14f2b06718c', name: 'PowerSchool sandbox pilot' },
} as const;
