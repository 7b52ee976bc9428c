import type { FakeAuditRecord } from './graph';

/** An Exchange admin record as Exchange writes it for a cmdlet (RecordType 1, Parameters as name/value pairs). */
export function adminRecord(id: string, creationTime: string, operation: string, parameters: readonly { Name: string; Value: string }[]): FakeAuditRecord {
  return {
    auditData: {
      CreationTime: creationTime,
      Id: id,
      Operation: operation,
      OrganizationId: '4f1b2c3d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
      RecordType: 1,
      ResultStatus: 'True',
      UserKey: '10032001A2B3C4D5',
      UserType: 2,
      Version: 1,
      Workload: 'Exchange',
      ClientIP: '192.0.2.10:53022',
      ObjectId: parameters.find((p) => p.Name === 'Identity')?.Value ?? '',
      UserId: 'admin@contoso.com',
      AppId: 'fb78d390-0c51-40cd-8e17-fdbfab77341b',
      ClientAppId: '',
      ExternalAccess: false,
      OrganizationName: 'contoso.onmicrosoft.com',
      OriginatingServer: 'TYCPR01MB1234 (15.20.8207.017)',
      Parameters: parameters,
      SessionId: '7d3c1b8e-1111-4aaa-bbbb-000000000001',
    },
  };
}
