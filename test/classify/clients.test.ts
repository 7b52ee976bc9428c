import { clientFamily, parseClientInfo } from '../../src/classify/clients';

describe('clientFamily', () => {
  it('names the family of each kind of ClientInfoString, whatever its case', () => {
    expect(clientFamily('ConnectorWorkProvider')).toBe('connector');
    expect(clientFamily('Client=OutlookService;Outlook-iOS/2.0;')).toBe('outlook-mobile');
    expect(clientFamily('client=owa;Mozilla/5.0 (Windows NT 10.0) OneOutlook/1.2026.1014.300')).toBe('new-outlook');
    expect(clientFamily('Client=OWA;Action=ViaProxy')).toBe('owa');
    expect(clientFamily('Client=REST;Client=RESTSystem;;')).toBe('rest-system');
    expect(clientFamily('Client=REST;Client=REST;;')).toBe('rest');
    expect(clientFamily('Something else')).toBe('other');
    expect(clientFamily('')).toBe('none');
    expect(clientFamily(null)).toBe('none');
  });

  it('gives the same answer the second time, from a different string object of the same text', () => {
    const first = ['Client=', 'WebServices;eM Client/10.1'].join('');
    const again = ['Client=Web', 'Services;eM Client/10.1'].join('');
    expect(clientFamily(first)).toBe('ews');
    expect(clientFamily(again)).toBe('ews');
  });

  it('stays right when many distinct strings share one length, past what it remembers', () => {
    // 200 strings of one length alternate between two families; each must keep its own answer.
    const strings = Array.from({ length: 200 }, (_, i) =>
      i % 2 === 0 ? `Client=OWA;build-${String(i).padStart(4, '0')}` : `Client=REST;buil-${String(i).padStart(4, '0')}`,
    );
    expect(new Set(strings.map((s) => s.length)).size).toBe(1);
    for (let round = 0; round < 2; round += 1) {
      strings.forEach((s, i) => expect(clientFamily(s)).toBe(i % 2 === 0 ? 'owa' : 'rest'));
    }
  });
});

describe('parseClientInfo: the protocol Exchange sets, apart from the agent the sender chooses', () => {
  it('reads the protocol tokens and the agent', () => {
    expect(parseClientInfo('Client=REST;Client=RESTSystem;;')).toMatchObject({ family: 'rest-system', protocols: ['REST', 'RESTSystem'], claimedNoise: null });
    expect(parseClientInfo('Client=WebServices;eM Client/10.1.4588.0')).toMatchObject({ family: 'ews', protocols: ['WebServices'], agent: 'eM Client/10.1.4588.0' });
    expect(parseClientInfo('Client=ActiveSync;UserAgent=Apple-iPhone/1')).toMatchObject({ family: 'activesync', agent: 'UserAgent=Apple-iPhone/1' });
    expect(parseClientInfo('ConnectorWorkProvider')).toMatchObject({ family: 'connector', protocols: ['ConnectorWorkProvider'], agent: '' });
    expect(parseClientInfo('Client=POP3/IMAP4').family).toBe('pop-imap');
    expect(parseClientInfo('Client=Microsoft.Exchange.Powershell; Microsoft WinRM Client').family).toBe('powershell');
  });

  it('treats a noise marker in the agent as a claim, never as the family', () => {
    expect(parseClientInfo('Client=WebServices;ConnectorWorkProvider')).toMatchObject({ family: 'ews', claimedNoise: 'connector' });
    expect(parseClientInfo('Client=OWA;Mozilla/5.0 ConnectorWorkProvider')).toMatchObject({ family: 'owa', claimedNoise: 'connector' });
    expect(parseClientInfo('Client=WebServices;Client=ConnectorWorkProvider')).toMatchObject({ family: 'ews', protocols: ['WebServices'], claimedNoise: 'connector' });
    expect(parseClientInfo('Client=WebServices;Client=RESTSystem;;')).toMatchObject({ family: 'ews', claimedNoise: 'rest-system' });
    expect(parseClientInfo('Client=ActiveSync;RESTSystem')).toMatchObject({ family: 'activesync', claimedNoise: 'rest-system' });
  });

  it('does not let an agent pass as Outlook Mobile or PowerShell behind another protocol', () => {
    expect(parseClientInfo('Client=WebServices;Outlook-iOS/2.0;').family).toBe('ews');
    expect(parseClientInfo('Client=OWA;Microsoft WinRM Client').family).toBe('owa');
  });
});
