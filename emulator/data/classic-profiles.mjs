// Static parts of the six classic SDS sync profiles of the emulated tenant: ids, names, data
// providers, identity and license settings. Dates and statuses live in classic-tenant.mjs.
// Names, ids, domains and client ids are invented; the license SKU id is the example from Graph's
// documentation.

const SCHOOL_PROPERTIES = ['School NCES_ID', 'State ID', 'GradeLow', 'GradeHigh'];
const SECTION_PROPERTIES = ['Term Name', 'Course Number', 'Periods'];
const EXAMPLE_SKU_ID = '6fd2c87f-b296-42f0-b197-1e91e994b900';

/** `educationSynchronizationCustomizations` with the given optional properties per entity. */
function customizations({ student = [], teacher = [] }) {
  const entry = (optionalPropertiesToSync) => ({
    optionalPropertiesToSync,
    synchronizationStartDate: '0001-01-01T00:00:00Z',
    isSyncDeferred: false,
    allowDisplayNameUpdate: false,
  });
  return {
    school: entry([...SCHOOL_PROPERTIES]),
    section: entry([...SECTION_PROPERTIES]),
    student: entry(student),
    teacher: entry(teacher),
    studentEnrollment: entry([]),
    teacherRoster: entry([]),
  };
}

function identityCreation(studentDomain, teacherDomain) {
  return {
    '@odata.type': '#microsoft.graph.educationIdentityCreationConfiguration',
    userDomains: [
      { appliesTo: 'student', name: studentDomain },
      { appliesTo: 'teacher', name: teacherDomain },
    ],
  };
}

function identityMatching(targetDomain) {
  const option = (appliesTo) => ({
    appliesTo,
    sourcePropertyName: 'Username',
    targetPropertyName: 'userPrincipalName',
    targetDomain,
  });
  return {
    '@odata.type': '#microsoft.graph.educationIdentityMatchingConfiguration',
    matchingOptions: [option('student'), option('teacher')],
  };
}

function standardLicenses() {
  return [
    { appliesTo: 'teacher', skuIds: [EXAMPLE_SKU_ID] },
    { appliesTo: 'student', skuIds: [EXAMPLE_SKU_ID] },
  ];
}

export const PROFILE_IDS = {
  csv2024: '24114164-9925-49ce-8c6a-91f9c5ae2331',
  oneRoster: 'e5c4cad3-ff7d-492c-b35c-504c6ae22a5c',
  powerSchool: '4f798f5c-9789-4240-bdfa-4d179bb1b47d',
  tailspin: '4e572431-25fe-4dbd-b52a-c0ad8b57d858',
  archived: '2f37d0f5-d8d2-4e8c-a910-a695ca23d1dd',
  sandbox: '9d77549b-e11e-43ef-8493-d14f2b06718c',
};

/**
 * Returns the profiles in list order, without `state` and `expirationDate`, which depend on the
 * timeline.
 */
export function classicProfileDefinitions() {
  return [
    {
      id: PROFILE_IDS.csv2024,
      displayName: 'Fabrikam High School - CSV 2024',
      handleSpecialCharacterConstraint: true,
      dataProvider: {
        '@odata.type': '#microsoft.graph.educationCsvDataProvider',
        customizations: customizations({ student: ['State ID', 'Middle Name'], teacher: ['Teacher Number', 'Middle Name'] }),
      },
      identitySynchronizationConfiguration: identityCreation('students.fabrikamschools.example', 'fabrikamschools.example'),
      licensesToAssign: standardLicenses(),
    },
    {
      id: PROFILE_IDS.oneRoster,
      displayName: 'Northwind Middle School - OneRoster',
      handleSpecialCharacterConstraint: false,
      dataProvider: {
        '@odata.type': '#microsoft.graph.educationOneRosterApiDataProvider',
        connectionUrl: 'https://sis.northwind-district.example/ims/oneroster/v1p1',
        providerName: 'Northwind SIS',
        schoolsIds: ['NW-MS-0041', 'NW-MS-0042'],
        termIds: ['NW-TERM-2024-S1'],
        connectionSettings: {
          '@odata.type': '#microsoft.graph.educationSynchronizationOAuth2ClientCredentialsConnectionSettings',
          clientId: 'nw-sds-connector-01',
          tokenUrl: 'https://sis.northwind-district.example/oauth/token',
          scope: 'https://purl.imsglobal.org/spec/or/v1p1/scope/roster-core.readonly',
        },
        customizations: customizations({ student: ['State ID'], teacher: ['Teacher Number'] }),
      },
      identitySynchronizationConfiguration: identityMatching('northwind-district.example'),
      licensesToAssign: standardLicenses(),
    },
    {
      id: PROFILE_IDS.powerSchool,
      displayName: 'Fabrikam Elementary - PowerSchool',
      handleSpecialCharacterConstraint: true,
      dataProvider: {
        '@odata.type': '#microsoft.graph.educationPowerSchoolDataProvider',
        connectionUrl: 'https://fabrikam-elem.powerschool.example',
        clientId: 'c0a80a11-3d2e-4b7f-9a61-5e0f2c1d8b47',
        schoolsIds: ['101', '102', '117'],
        schoolYear: '2024',
        allowTeachersInMultipleSchools: false,
        customizations: customizations({ student: ['Middle Name'], teacher: ['Middle Name'] }),
      },
      identitySynchronizationConfiguration: identityCreation('students.fabrikamschools.example', 'fabrikamschools.example'),
      licensesToAssign: standardLicenses(),
    },
    {
      id: PROFILE_IDS.tailspin,
      displayName: 'Tailspin Academy - OneRoster (OAuth1)',
      handleSpecialCharacterConstraint: false,
      dataProvider: {
        '@odata.type': '#microsoft.graph.educationOneRosterApiDataProvider',
        connectionUrl: 'https://roster.tailspin-academy.example/ims/oneroster/v1p1',
        providerName: 'Tailspin Roster',
        schoolsIds: ['TSA-01'],
        termIds: [],
        connectionSettings: {
          '@odata.type': '#microsoft.graph.educationSynchronizationOAuth1ConnectionSettings',
          clientId: 'tailspin-oauth1-key',
        },
        customizations: customizations({}),
      },
      identitySynchronizationConfiguration: identityMatching('tailspin-academy.example'),
      licensesToAssign: [],
    },
    {
      id: PROFILE_IDS.archived,
      displayName: 'Fabrikam High School - CSV 2023 (archived)',
      handleSpecialCharacterConstraint: true,
      dataProvider: {
        '@odata.type': '#microsoft.graph.educationCsvDataProvider',
        customizations: customizations({ student: ['State ID'], teacher: ['Teacher Number'] }),
      },
      identitySynchronizationConfiguration: identityCreation('students.fabrikamschools.example', 'fabrikamschools.example'),
      licensesToAssign: standardLicenses(),
    },
    {
      id: PROFILE_IDS.sandbox,
      displayName: 'PowerSchool sandbox pilot',
      handleSpecialCharacterConstraint: false,
      dataProvider: {
        '@odata.type': '#microsoft.graph.educationPowerSchoolDataProvider',
        connectionUrl: 'https://sandbox.powerschool.example',
        clientId: '5d2b9e70-8f4a-4c1e-b3d6-0a9c7e215f38',
        schoolsIds: ['900'],
        schoolYear: '2024',
        allowTeachersInMultipleSchools: true,
        customizations: customizations({}),
      },
      identitySynchronizationConfiguration: identityCreation('sandbox.fabrikamschools.example', 'sandbox.fabrikamschools.example'),
      licensesToAssign: [],
    },
  ];
}

/** Returns a CSV profile for load tests; `number` counts from 1. */
export function generatedProfileDefinition(id, number) {
  return {
    id,
    displayName: `Load test school ${String(number).padStart(4, '0')} - CSV`,
    handleSpecialCharacterConstraint: true,
    dataProvider: {
      '@odata.type': '#microsoft.graph.educationCsvDataProvider',
      customizations: customizations({}),
    },
    identitySynchronizationConfiguration: identityCreation('students.fabrikamschools.example', 'fabrikamschools.example'),
    licensesToAssign: standardLicenses(),
  };
}
