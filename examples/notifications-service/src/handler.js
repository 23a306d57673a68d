'use strict';
const { SESv2Client, SendEmailCommand } = require('@aws-sdk/client-sesv2');

const ses = new SESv2Client({});

module.exports.sendConfirmation = async (event) => {
  for (const record of event.Records) {
    const order = JSON.parse(record.body);
    await ses.send(
      new SendEmailCommand({
        FromEmailAddress: process.env.EMAIL_FROM,
        Destination: { ToAddresses: [order.email] },
        Content: { Simple: { Subject: { Data: `Order ${order.id} confirmed` }, Body: { Text: { Data: 'Thank you!' } } } },
      }),
    );
  }
};
